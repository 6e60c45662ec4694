package dev.greentrain.training;

import dev.greentrain.dream.StratifiedInfoBatch;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.InfoBatchDetails;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line logged (INFO) at the end of a pruned fit: the samples trained of the full-data
 * count, the saving, why it is small when epochs trained on all data, and why DJL's training
 * accuracy and loss read lower in pruned epochs.
 */
final class TrainingSummary {

    private static final Logger logger = LoggerFactory.getLogger(TrainingSummary.class);

    private TrainingSummary() {}

    /**
     * Logs the summary of every epoch the policy has completed: at INFO, or at DEBUG while an
     * InfoBatch run has epochs left for a later call (a loop that fits one epoch per call).
     *
     * @param policy the policy that planned the epochs
     */
    static void log(PruningPolicy policy) {
        InfoBatch infoBatch = infoBatchOf(policy);
        if (infoBatch != null && infoBatch.getNextEpoch() < infoBatch.getEpochs()) {
            if (logger.isDebugEnabled()) {
                logger.debug(of(policy));
            }
        } else if (logger.isInfoEnabled()) {
            logger.info(of(policy));
        }
    }

    /**
     * Describes every epoch the policy has completed.
     *
     * @param policy the policy that planned the epochs
     * @return the summary line
     */
    static String of(PruningPolicy policy) {
        List<EpochStats> epochs = policy.getEpochStats();
        InfoBatch infoBatch = infoBatchOf(policy);
        long trained = 0;
        long full = 0;
        long pruned = 0;
        long dropped = 0;
        int fullEpochs = 0;
        int unscored = 0;
        int annealing = 0;
        for (EpochStats stats : epochs) {
            trained += stats.samplesInEpoch();
            full += stats.datasetSize();
            pruned += stats.pruned();
            dropped += stats.samplesDropped();
            if (stats.pruned() == 0) {
                fullEpochs++;
                if (infoBatch != null && unscored(stats)) {
                    unscored++;
                } else if (infoBatch != null && stats.epoch() >= infoBatch.getPruningEpochs()) {
                    annealing++;
                }
            }
        }
        StringBuilder line = new StringBuilder();
        line.append(
                String.format(
                        Locale.ROOT,
                        "%s trained %d of %d samples (%d %s of %d); pruning saved %d"
                                + " forward and backward passes (%.1f%%)",
                        policy.getClass().getSimpleName(),
                        trained,
                        full,
                        epochs.size(),
                        epochs.size() == 1 ? "epoch" : "epochs",
                        policy.getDatasetSize(),
                        pruned,
                        full == 0 ? 0.0 : 100.0 * pruned / full));
        long samplerPasses = policy.getSamplerForwardPasses();
        if (samplerPasses > 0) {
            line.append("; the policy's own ")
                    .append(samplerPasses)
                    .append(" forward passes (embedding for clustering) are not deducted");
        }
        if (dropped > 0) {
            line.append("; ").append(dropped).append(" more were dropped as last partial batches");
        }
        line.append('.');
        if (fullEpochs > 0) {
            line.append(
                    String.format(
                            Locale.ROOT,
                            " %d of %d epoch(s) trained on all data",
                            fullEpochs,
                            epochs.size()));
            if (infoBatch != null) {
                line.append(reasons(infoBatch, unscored, annealing));
            }
            line.append('.');
        }
        if (fullEpochs < epochs.size()) {
            line.append(
                    infoBatch != null
                            ? " The training accuracy and loss DJL prints for pruned epochs are"
                                    + " measured on the kept samples, the harder ones, so they"
                                    + " read lower than on full data: judge the model by its"
                                    + " validation figures."
                            : " The training accuracy and loss DJL prints for pruned epochs are"
                                    + " measured on the epoch's subset only, so they differ from"
                                    + " full-data figures: judge the model by its validation"
                                    + " figures.");
        }
        return line.toString();
    }

    /** Returns the InfoBatch that plans the policy's epochs, or null. */
    /** Whether InfoBatch planned the epoch without any score (its threshold is NaN). */
    private static boolean unscored(EpochStats stats) {
        return stats.details(InfoBatchDetails.class)
                .map(d -> Double.isNaN(d.threshold()))
                .orElse(false);
    }

    private static InfoBatch infoBatchOf(PruningPolicy policy) {
        if (policy instanceof InfoBatch infoBatch) {
            return infoBatch;
        }
        return policy instanceof StratifiedInfoBatch stratified ? stratified.getInfoBatch() : null;
    }

    /** Says why InfoBatch trained epochs on all data, and which epochs of its run can prune. */
    private static String reasons(InfoBatch infoBatch, int unscored, int annealing) {
        StringBuilder why = new StringBuilder();
        if (unscored > 0) {
            why.append(", ").append(unscored).append(" because no sample had a loss yet (epoch 0)");
        }
        if (annealing > 0) {
            why.append(", ")
                    .append(annealing)
                    .append(" annealing (InfoBatch trains its last epochs, from epoch ")
                    .append(infoBatch.getPruningEpochs())
                    .append(" = floor(delta * epochs), on all data)");
        }
        int prunable = Math.max(0, infoBatch.getPruningEpochs() - 1);
        why.append(
                String.format(
                        Locale.ROOT,
                        "; of this %d-epoch run (delta = %s) %s, so the saving grows with the"
                                + " number of epochs",
                        infoBatch.getEpochs(),
                        infoBatch.getDelta(),
                        prunable == 0
                                ? "no epoch can prune"
                                : prunable == 1
                                        ? "only epoch 1 can prune"
                                        : "only epochs 1 to " + prunable + " can prune"));
        return why.toString();
    }
}
