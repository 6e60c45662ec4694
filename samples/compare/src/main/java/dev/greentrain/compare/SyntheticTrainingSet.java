package dev.greentrain.compare;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import dev.greentrain.reduction.ReducedDataset;
import dev.greentrain.reduction.Selection;
import dev.greentrain.reduction.StaticReduction;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes a static reduction's synthetic points (CLC's centroids) an arm's training set: each
 * synthetic sample is built through {@link ReducedDataset} (the float32 mean of its members'
 * inputs, with their label), the set is copied into memory once and replaces the arm's training
 * set. {@link StaticReduction} calls it in its first planned epoch, the arm's method phase, so the
 * work is timed and metered as the method's.
 */
final class SyntheticTrainingSet implements StaticReduction.SyntheticTarget {

    private final ReplaceableTrainingSet trainingSet;
    private final NDManager manager;

    /**
     * Creates the target of one arm.
     *
     * @param context the arm, whose training set is replaced and whose model owns the samples
     */
    SyntheticTrainingSet(ArmContext context) {
        this.trainingSet = context.replaceableTrain();
        this.manager = context.model().getNDManager();
    }

    /** {@inheritDoc} */
    @Override
    public void train(RandomAccessDataset original, Selection synthetic) {
        TrainingSetSettings settings = TrainingSetSettings.of(original);
        ReducedDataset reduced =
                settings.applyTo(ReducedDataset.builder())
                        .setOriginal(original)
                        .setSelection(synthetic)
                        .build();
        try {
            trainingSet.replace(InMemoryCopy.of(reduced, settings, manager));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
