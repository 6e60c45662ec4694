package dev.greentrain.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greentrain.dream.ClusterAssignment;
import dev.greentrain.dream.ClusterSource;
import dev.greentrain.dream.DreamSampler;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.randompruning.RandomPruning;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every policy's plan of the samples still to train, which the energy forecast multiplies. */
class PlannedSamplesTest {

    private static void complete(PruningPolicy policy, EpochPlan plan) {
        policy.completeEpoch(plan.getStats().withTraining(plan.size(), 0, 0));
    }

    @Test
    void infoBatchForecastsPruningEpochsFromTheCurrentScoresAndAnnealingEpochsAtFullSize() {
        InfoBatch infoBatch =
                InfoBatch.builder()
                        .setDatasetSize(10)
                        .setEpochs(8)
                        .optPruneRatio(0.5)
                        .optDelta(0.875)
                        .build();
        assertArrayEquals(
                new int[] {10, 10, 10, 10, 10, 10, 10, 10},
                infoBatch.getPlannedSamples(8),
                "nothing scored yet: every epoch at full size");
        EpochPlan first = infoBatch.nextEpoch();
        long[] indices = new long[10];
        Arrays.setAll(indices, i -> i);
        // mean 4.6: six samples below it, floor(0.5 x 6) = 3 of them kept, 4 above: 7 per epoch
        infoBatch.recordLosses(indices, new float[] {1, 1, 1, 1, 1, 1, 10, 10, 10, 10});
        complete(infoBatch, first);
        // floor(0.875 x 8) = 7 pruning epochs (0..6), epoch 7 anneals on the whole dataset
        int[] planned = infoBatch.getPlannedSamples(8);
        assertArrayEquals(new int[] {7, 7, 7, 7, 7, 7, 10}, planned);
        assertEquals(planned[0], infoBatch.nextEpoch().size(), "the next plan matches");
    }

    @Test
    void randomPruningForecastsItsCountsOrTheGivenForecast() {
        RandomPruning fixed =
                RandomPruning.builder().setDatasetSize(100).setSamplesPerEpoch(100, 60, 55).build();
        complete(fixed, fixed.nextEpoch());
        assertArrayEquals(new int[] {60, 55}, fixed.getPlannedSamples(3));
        RandomPruning following =
                RandomPruning.builder()
                        .setDatasetSize(100)
                        .setSamplesPerEpoch(4, epoch -> 50)
                        .optForecast(epoch -> epoch == 3 ? 100 : 40)
                        .build();
        assertArrayEquals(new int[] {40, 40, 40, 100}, following.getPlannedSamples(4));
        RandomPruning unknown =
                RandomPruning.builder()
                        .setDatasetSize(100)
                        .setSamplesPerEpoch(2, epoch -> 50)
                        .build();
        assertArrayEquals(
                new int[] {100, 100},
                unknown.getPlannedSamples(2),
                "counts known only as the run goes, no forecast: the dataset size");
    }

    @Test
    void dreamForecastsItsBudgetAndOtherPoliciesTheDatasetSize() {
        int[] clusterOf = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        float[] distance = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        DreamSampler dream =
                DreamSampler.builder()
                        .setClusters(
                                ClusterSource.of(new ClusterAssignment(clusterOf, distance, 2)))
                        .optBudget(0.5)
                        .build();
        complete(dream, dream.nextEpoch());
        assertArrayEquals(new int[] {5, 5, 5}, dream.getPlannedSamples(4));
        PruningPolicy unknowing =
                new ScorelessPolicy(8) {
                    @Override
                    public EpochPlan nextEpoch() {
                        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
                        return plan(order, 3);
                    }
                };
        complete(unknowing, unknowing.nextEpoch());
        assertArrayEquals(new int[] {8, 8}, unknowing.getPlannedSamples(3));
        assertArrayEquals(new int[0], unknowing.getPlannedSamples(1));
    }
}
