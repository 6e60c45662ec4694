package dev.greentrain.samples.compare;

import ai.djl.Model;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.samples.TrainingSettings;
import java.util.Map;

/**
 * What a {@link Variant} may use to build the policy of one run.
 *
 * @param train the training set
 * @param epochs the number of epochs of the run
 * @param settings the run's settings, with its seed
 * @param model the freshly initialised model the run trains
 * @param sameSeedRuns the finished runs of the same seed, by variant name
 */
public record VariantContext(
        ArrayDataset train,
        int epochs,
        TrainingSettings settings,
        Model model,
        Map<String, RunRecord> sameSeedRuns) {

    /**
     * Returns the number of training samples.
     *
     * @return the training set's size
     */
    public int datasetSize() {
        return Math.toIntExact(train.size());
    }

    /**
     * Returns the finished run of another variant with the same seed.
     *
     * @param variant the variant's name
     * @return its run
     * @throws IllegalStateException if that run has not finished
     */
    public RunRecord requireRun(String variant) {
        RunRecord run = sameSeedRuns.get(variant);
        if (run == null) {
            throw new IllegalStateException(
                    "The "
                            + variant
                            + " run of seed "
                            + settings.seed()
                            + " has not finished; list "
                            + variant
                            + " in --variants so it runs first.");
        }
        return run;
    }
}
