package dev.greentrain.training;

import ai.djl.TrainingDivergedException;
import dev.greentrain.pruning.EpochStats;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts what one epoch actually trained: samples forwarded, non-finite losses, skipped steps. */
final class EpochTally {

    /** How many sample indices the per-epoch warning lists at most. */
    static final int LOGGED_INDICES = 20;

    private static final Logger logger = LoggerFactory.getLogger(PrunedTraining.class);

    private final long[] firstNonFinite = new long[LOGGED_INDICES];
    private int batches;
    private int samplesTrained;
    private int nonFiniteLosses;
    private int skippedSteps;

    /**
     * Adds one trained batch.
     *
     * @param rows the rows forwarded
     * @param result what training the batch found
     */
    void add(int rows, BatchResult result) {
        batches++;
        samplesTrained += rows;
        for (long index : result.nonFiniteIndices()) {
            if (nonFiniteLosses < LOGGED_INDICES) {
                firstNonFinite[nonFiniteLosses] = index;
            }
            nonFiniteLosses++;
        }
        if (!result.hasFiniteLoss()) {
            skippedSteps++;
        }
    }

    /**
     * Throws when the epoch had batches but none of them had a finite loss: nothing was learned,
     * and the model (or all of the data) produces NaN.
     */
    void requireAnyStep(int epoch) {
        if (batches > 0 && skippedSteps == batches) {
            throw new TrainingDivergedException(
                    "No batch of epoch "
                            + epoch
                            + " had a finite loss (all "
                            + nonFiniteLosses
                            + " per-sample losses were NaN or infinite), so nothing was trained:"
                            + " training stopped. Lower the learning rate (or clip gradients with"
                            + " the optimizer's optClipGrad), and check the training data for NaN"
                            + " or infinite inputs and labels.");
        }
    }

    /** Returns the planned epoch's statistics with what was trained. */
    EpochStats trained(EpochStats planned) {
        return planned.withTraining(samplesTrained, nonFiniteLosses, skippedSteps);
    }

    /** Logs one warning for the epoch when a loss was not finite; nothing otherwise. */
    void warnIfNonFinite(int epoch) {
        if (nonFiniteLosses == 0) {
            return;
        }
        int listed = Math.min(nonFiniteLosses, LOGGED_INDICES);
        logger.warn(
                "Epoch {}: {} per-sample loss(es) were NaN or infinite and were left out of the"
                        + " loss (those samples stay unscored); {} optimizer step(s) skipped for"
                        + " batches without a finite loss. Sample indices ({}): {}. Check these"
                        + " samples' inputs and labels.",
                epoch,
                nonFiniteLosses,
                skippedSteps,
                listed == nonFiniteLosses
                        ? "all " + listed
                        : "first " + listed + " of " + nonFiniteLosses,
                Arrays.toString(Arrays.copyOf(firstNonFinite, listed)));
    }
}
