package dev.greentrain.dream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DreamSamplerTest extends ManagedTest {

    /** Two classes of 3 blobs x 20 points in 2-D; labels 0 and 2 (class 1 has no samples). */
    private ArrayDataset blobDataset() {
        int n = 120;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            int label = i < 60 ? 0 : 2;
            int blob = (i % 60) / 20;
            y[i] = label;
            x[2 * i] = 50f * blob + label * 10 + (float) random.nextGaussian();
            x[2 * i + 1] = label * 30 + (float) random.nextGaussian();
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(n, 2)))
                .optLabels(manager.create(y))
                .setSampling(16, false)
                .build();
    }

    private Clustering rawClustering() {
        return Clustering.builder()
                .setDataset(blobDataset())
                .setEmbedder(Embedder.rawInput())
                .optClustersPerClass(3)
                .build();
    }

    private static int[] order(EpochPlan plan) {
        int[] order = new int[plan.size()];
        Arrays.setAll(order, plan::indexAt);
        return order;
    }

    private static void assertMessage(Executable action, String... parts) {
        Exception e = assertThrows(RuntimeException.class, action);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void quotasAreProportionalAndSumExactly() {
        int[] sizes = {50, 30, 20, 1, 0};
        int[] quotas = DreamSampler.quotas(33, sizes);
        assertEquals(33, Arrays.stream(quotas).sum());
        // ideal 16.34, 9.80, 6.53, 0.33, 0 -> floors 16, 9, 6, 0, 0 (31), remainders give 9 and 6
        // +1
        assertArrayEquals(new int[] {16, 10, 7, 0, 0}, quotas);
        assertArrayEquals(sizes, DreamSampler.quotas(101, sizes));
        for (int total = 0; total <= 101; total++) {
            int[] q = DreamSampler.quotas(total, sizes);
            assertEquals(total, Arrays.stream(q).sum());
            for (int c = 0; c < sizes.length; c++) {
                assertTrue(Math.abs(q[c] - (double) total * sizes[c] / 101) < 1.0);
            }
        }
    }

    @Test
    void nearestFillsEachQuotaWithTheClosestMembers() {
        // cluster 0: samples 0..5, cluster 1: samples 6..9; distances decreasing with the index
        int[] clusterOf = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        float[] distance = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        ClusterSource source = ClusterSource.of(new ClusterAssignment(clusterOf, distance, 2));
        DreamSampler sampler = DreamSampler.builder().setClusters(source).optBudget(0.5).build();
        EpochPlan plan = sampler.nextEpoch();
        assertEquals(5, plan.size());
        Set<Integer> chosen = new HashSet<>();
        Arrays.stream(order(plan)).forEach(chosen::add);
        // quotas 3 and 2: the three nearest of cluster 0 (5, 4, 3) and two of cluster 1 (9, 8)
        assertEquals(Set.of(3, 4, 5, 8, 9), chosen);
        for (int i = 0; i < 10; i++) {
            assertEquals(1f, plan.weightOf(i));
        }
        assertEquals(5, plan.getStats().pruned());
    }

    @Test
    void stratifiedDrawsUniformlyInsideEachCluster() {
        int[] clusterOf = new int[40];
        for (int i = 20; i < 40; i++) {
            clusterOf[i] = 1;
        }
        DreamSampler sampler =
                DreamSampler.builder()
                        .setClusters(ClusterSource.fixed(clusterOf, 2))
                        .optBudget(0.25)
                        .optSelection(DreamSampler.Selection.STRATIFIED)
                        .optSeed(3)
                        .build();
        int epochs = 4000;
        int[] counts = new int[40];
        for (int e = 0; e < epochs; e++) {
            int[] order = order(sampler.nextEpoch());
            assertEquals(10, order.length);
            assertEquals(5, Arrays.stream(order).filter(i -> i < 20).count(), "quota 5 each");
            for (int i : order) {
                counts[i]++;
            }
        }
        // every sample expected 4000 * 5 / 20 = 1000 times; binomial sd ~27
        for (int count : counts) {
            assertEquals(1000, count, 120);
        }
    }

    @Test
    void epochIsShuffledAcrossClassesAndClassesAreProportional() throws Exception {
        Clustering clustering = rawClustering();
        DreamSampler sampler =
                DreamSampler.builder().setClusters(clustering).optBudget(0.5).build();
        int[] order = order(sampler.nextEpoch());
        assertEquals(60, order.length);
        assertEquals(30, Arrays.stream(order).filter(i -> i < 60).count());
        int firstHalfClass0 = (int) Arrays.stream(order, 0, 30).filter(i -> i < 60).count();
        assertTrue(firstHalfClass0 > 5 && firstHalfClass0 < 25, "classes are interleaved");
        // each blob of 20 is one cluster and gets 10
        for (int blob = 0; blob < 6; blob++) {
            int from = blob * 20;
            assertEquals(
                    10,
                    Arrays.stream(order).filter(i -> i >= from && i < from + 20).count(),
                    "blob " + blob);
        }
        assertEquals(0, sampler.getSamplerForwardPasses(), "raw input runs no model");
    }

    @Test
    void reclustersEveryIntervalAndCountsEmbeddingPasses() {
        ArrayDataset dataset = blobDataset();
        int[] calls = new int[1];
        Embedder counting =
                Embedder.of(
                        "counting",
                        inputs -> {
                            calls[0]++;
                            return inputs.head().mul(2f);
                        });
        Clustering clustering =
                Clustering.builder()
                        .setDataset(dataset)
                        .setEmbedder(counting)
                        .optClustersPerClass(3)
                        .optInterval(2)
                        .optBatchSize(50)
                        .build();
        PruningPolicy sampler =
                DreamSampler.builder().setClusters(clustering).optBudget(0.3).build();
        sampler.nextEpoch();
        assertEquals(120, sampler.getSamplerForwardPasses());
        assertEquals(3, calls[0], "120 samples in batches of 50");
        sampler.nextEpoch();
        assertEquals(120, sampler.getSamplerForwardPasses(), "epoch 1 reuses the clustering");
        sampler.nextEpoch();
        assertEquals(240, sampler.getSamplerForwardPasses(), "epoch 2 re-clusters");
        sampler.nextEpoch();
        sampler.nextEpoch();
        assertEquals(360, sampler.getSamplerForwardPasses());
        assertEquals(3, clustering.getReclusterings());
        assertEquals(36, sampler.getEpochStats().get(4).samplesInEpoch());
        assertEquals(
                java.util.List.of(120L, 0L, 120L, 0L, 120L),
                sampler.getEpochStats().stream().map(EpochStats::methodPasses).toList(),
                "each epoch's statistics carry the embedding passes spent planning it");
    }

    @Test
    void classWithNoSamplesIsSkipped() {
        Clustering clustering = rawClustering();
        ClusterAssignment assignment = clustering.assignmentFor(0);
        // labels 0 and 2: two classes present, 3 clusters each, none for class 1
        assertEquals(6, assignment.clusters());
        for (int c = 0; c < 6; c++) {
            assertEquals(20, assignment.clusterSize(c));
        }
    }

    @Test
    void badInputsGiveClearErrors() {
        ArrayDataset dataset = blobDataset();
        ClusterSource fixed = ClusterSource.fixed(new int[10], 1);
        assertMessage(
                () -> DreamSampler.builder().setClusters(fixed).optBudget(0).build(),
                "Budget b = 0.0",
                "(0, 1]");
        assertMessage(
                () -> DreamSampler.builder().setClusters(fixed).optBudget(1.5).build(),
                "1.5",
                "(0, 1]");
        assertMessage(
                () -> DreamSampler.builder().setClusters(fixed).optBudget(Double.NaN).build(),
                "NaN");
        assertMessage(() -> DreamSampler.builder().build(), "setClusters");
        assertMessage(
                () ->
                        Clustering.builder()
                                .setDataset(dataset)
                                .setEmbedder(Embedder.rawInput())
                                .optClustersPerClass(61)
                                .build(),
                "Class 0 has 60 samples",
                "k = 61",
                "optClustersPerClass");
        assertMessage(
                () ->
                        Clustering.builder()
                                .setDataset(dataset)
                                .setEmbedder(Embedder.rawInput())
                                .optInterval(0)
                                .build(),
                "interval 0");
        Clustering nan =
                Clustering.builder()
                        .setDataset(dataset)
                        .setEmbedder(
                                Embedder.of(
                                        "nan-at-7",
                                        in -> {
                                            NDArray out = in.head().duplicate();
                                            out.set(new NDIndex(7), Float.NaN);
                                            return out;
                                        }))
                        .optClustersPerClass(3)
                        .build();
        assertMessage(() -> nan.assignmentFor(0), "sample 7", "non-finite", "nan-at-7");
        float[] rows = {0, 0, 1, 1, Float.NaN, 2};
        assertMessage(
                () ->
                        Clustering.cluster(
                                manager,
                                new Embeddings(rows, 3, 2),
                                new int[] {0, 0, 0},
                                1,
                                5,
                                new dev.greentrain.pruning.SplitMix64(1)),
                "sample 2",
                "non-finite");
        Clustering wrongRows =
                Clustering.builder()
                        .setDataset(dataset)
                        .setEmbedder(Embedder.of("drops-a-row", in -> in.head().get("1:")))
                        .optClustersPerClass(3)
                        .build();
        assertMessage(
                () -> wrongRows.assignmentFor(0),
                "drops-a-row",
                "(119, 2)",
                "batch of 120 samples");
    }
}
