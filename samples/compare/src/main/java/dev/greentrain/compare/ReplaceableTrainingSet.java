package dev.greentrain.compare;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The training set an arm iterates when its policy derives the data it trains from the workload's
 * (CLC's synthetic points): the workload's own set until the policy {@link #replace replaces} it,
 * once, in its first planned epoch (the arm's method phase), and the derived set from then on.
 *
 * <p>Its size is the original's until then, so that the arm's policy is built for the original's
 * size (the budget's reference: every epoch then trains fewer samples than a full-data epoch, as a
 * pruned one does) and plans indices of the derived set. It is iterated with the original's
 * sampler, batchifiers and pipelines; the derived set, built with {@link TrainingSetSettings},
 * batches exactly as the original (an {@code ArrayDataset} keeps DJL's bulk loading).
 */
public final class ReplaceableTrainingSet extends RandomAccessDataset {

    private final RandomAccessDataset original;
    private volatile RandomAccessDataset current;

    /**
     * Wraps the workload's training set.
     *
     * @param original the training set of the arm's seed
     */
    ReplaceableTrainingSet(RandomAccessDataset original) {
        super(TrainingSetSettings.of(original).applyTo(new Settings()));
        this.original = Objects.requireNonNull(original, "original");
        this.current = original;
    }

    /**
     * Returns the workload's training set, which the derived set is made from.
     *
     * @return the original
     */
    public RandomAccessDataset original() {
        return original;
    }

    /**
     * Replaces the workload's set by the derived one; from now on every epoch iterates it.
     *
     * @param derived the derived set, built with the original's settings
     * @throws IllegalStateException if the set was replaced before
     */
    public void replace(RandomAccessDataset derived) {
        Objects.requireNonNull(derived, "derived");
        if (current != original) {
            throw new IllegalStateException(
                    "The arm's training set was replaced already: derive it once, in the first"
                            + " planned epoch.");
        }
        current = derived;
    }

    /**
     * Tells whether the derived set has replaced the original.
     *
     * @return true once {@link #replace} was called
     */
    public boolean isReplaced() {
        return current != original;
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        return current.get(manager, index);
    }

    /** {@inheritDoc} */
    @Override
    public Iterable<Batch> getData(
            NDManager manager, Sampler sampler, ExecutorService executorService)
            throws IOException, TranslateException {
        return current.getData(manager, sampler, executorService);
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return current.size();
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) throws IOException, TranslateException {
        current.prepare(progress);
    }

    /** The builder the original's settings are applied to. */
    private static final class Settings extends BaseBuilder<Settings> {

        @Override
        protected Settings self() {
            return this;
        }
    }
}
