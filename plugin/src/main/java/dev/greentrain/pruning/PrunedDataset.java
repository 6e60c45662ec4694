package dev.greentrain.pruning;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Dataset} that trains a {@link RandomAccessDataset} in the order and subset a {@link
 * PruningPolicy} plans, one plan per call to {@code getData}.
 *
 * <p>It delegates to the wrapped dataset's {@code getData(manager, sampler, executor)}, so the
 * wrapped dataset's pipeline, batchifiers, device and bulk loading (ArrayDataset) all stay in use.
 * Every call to {@code getData} starts a new epoch of the policy.
 *
 * <p>The plan replaces the wrapped dataset's sampler, so the builder accepts only DJL's own
 * sampling ({@code setSampling(batchSize, random[, dropLast])}): with {@code random} the plan's
 * shuffled order is used, without it the planned samples train in ascending index order. Any other
 * sampler (e.g. a weighted sub-sampler) is refused with an explanation, unless {@link
 * Builder#optReplaceSampler(boolean)} allows the plan to replace it.
 */
public final class PrunedDataset implements Dataset {

    private static final Logger logger = LoggerFactory.getLogger(PrunedDataset.class);

    private final RandomAccessDataset dataset;
    private final PruningPolicy policy;
    private final int batchSize;
    private final boolean dropLast;
    private final boolean indexOrder;
    private volatile EpochPlan currentPlan;
    private final AtomicBoolean warnedEmptyEpoch = new AtomicBoolean();

    private PrunedDataset(Builder builder) {
        this.dataset = builder.dataset;
        this.policy = builder.policy;
        this.batchSize = builder.batchSize;
        this.dropLast = builder.dropLast;
        this.indexOrder = builder.indexOrder;
    }

    /**
     * Creates a builder for a pruned dataset.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public Iterable<Batch> getData(NDManager manager) throws IOException, TranslateException {
        return getData(manager, null);
    }

    /** {@inheritDoc} */
    @Override
    public Iterable<Batch> getData(NDManager manager, ExecutorService executorService)
            throws IOException, TranslateException {
        EpochPlan planned = policy.nextEpoch();
        EpochPlan plan = indexOrder ? planned.inIndexOrder() : planned;
        currentPlan = plan;
        PlanSampler sampler = new PlanSampler(plan, batchSize, dropLast);
        if (sampler.getSampleCount() == 0
                && plan.size() > 0
                && warnedEmptyEpoch.compareAndSet(false, true)) {
            logger.warn(
                    "Epoch {} trains no sample: its {} planned samples are fewer than one batch"
                            + " of {} and dropLast drops that partial batch (warned once). Use a"
                            + " batch size of at most {}, or keep the last batch:"
                            + " setSampling(batchSize, random, false) or optDropLast(false).",
                    plan.getStats().epoch(),
                    plan.size(),
                    batchSize,
                    plan.size());
        }
        return dataset.getData(manager, sampler, executorService);
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) throws IOException, TranslateException {
        dataset.prepare(progress);
    }

    /**
     * Returns the plan of the epoch being iterated, or {@code null} before the first epoch.
     *
     * @return the current epoch plan
     */
    public EpochPlan getCurrentPlan() {
        return currentPlan;
    }

    /**
     * Returns the number of batches the current epoch yields.
     *
     * @return the batch count of the current epoch, 0 before the first epoch
     */
    public int getCurrentBatchCount() {
        EpochPlan plan = currentPlan;
        return plan == null ? 0 : new PlanSampler(plan, batchSize, dropLast).getBatchCount();
    }

    /**
     * Returns the policy that plans the epochs.
     *
     * @return the pruning policy
     */
    public PruningPolicy getPolicy() {
        return policy;
    }

    /**
     * Returns the wrapped dataset.
     *
     * @return the dataset whose samples are trained
     */
    public RandomAccessDataset getDataset() {
        return dataset;
    }

    /**
     * Returns the number of samples per batch.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Reads the batch size the wrapped dataset was built with ({@code setSampling(batchSize,
     * ...)}).
     *
     * @param dataset a DJL dataset
     * @return its batch size
     * @throws IllegalArgumentException when the dataset's sampler has no fixed batch size
     */
    public static int batchSizeOf(RandomAccessDataset dataset) {
        int size = samplerOf(dataset).getBatchSize();
        if (size < 1) {
            throw new IllegalArgumentException(
                    "Dataset "
                            + dataset.getClass().getName()
                            + " has no fixed batch size (its sampler reports "
                            + size
                            + "); build the PrunedDataset with optBatchSize(n).");
        }
        return size;
    }

    /**
     * Reads whether the wrapped dataset drops its last partial batch ({@code setSampling(batchSize,
     * random, dropLast)}); false for samplers other than DJL's {@code BatchSampler}.
     *
     * @param dataset a DJL dataset
     * @return whether its sampler drops the last partial batch
     */
    public static boolean dropsLastOf(RandomAccessDataset dataset) {
        Sampler sampler = samplerOf(dataset);
        if (!(sampler instanceof BatchSampler)) {
            return false;
        }
        return (Boolean) readField(BatchSampler.class, "dropLast", sampler);
    }

    static Sampler samplerOf(RandomAccessDataset dataset) {
        return (Sampler) readField(RandomAccessDataset.class, "sampler", dataset);
    }

    static Object readField(Class<?> owner, String name, Object target) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return Objects.requireNonNull(field.get(target), name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read "
                            + owner.getName()
                            + "."
                            + name
                            + " from this DJL version; build the PrunedDataset with"
                            + " optBatchSize(n), optDropLast(b) and optReplaceSampler(true)"
                            + " instead.",
                    e);
        }
    }

    /** Builds a {@link PrunedDataset}: {@code setDataset} and {@code setPolicy} are required. */
    public static final class Builder {

        private RandomAccessDataset dataset;
        private PruningPolicy policy;
        private int batchSize;
        private Boolean dropLastOption;
        private boolean dropLast;
        private boolean replaceSampler;
        private boolean indexOrder;

        Builder() {}

        /**
         * Sets the dataset to train.
         *
         * @param dataset any DJL random-access dataset
         * @return this builder
         */
        public Builder setDataset(RandomAccessDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets the policy that plans every epoch.
         *
         * @param policy a pruning policy built for the dataset's size
         * @return this builder
         */
        public Builder setPolicy(PruningPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * Sets the batch size; by default the wrapped dataset's own.
         *
         * @param batchSize the number of samples per batch
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets whether a last partial batch is dropped; by default as the wrapped dataset does.
         *
         * @param dropLast whether to drop a last batch smaller than the batch size
         * @return this builder
         */
        public Builder optDropLast(boolean dropLast) {
            this.dropLastOption = dropLast;
            return this;
        }

        /**
         * Lets the plan replace a sampler other than DJL's {@code setSampling(batchSize, random)}
         * (a weighted or sub-sampling sampler, a curriculum): its choice and order are then not
         * used, the plan's shuffled order is (also for a dataset sampled in index order). Off by
         * default: such a sampler is refused.
         *
         * @param replaceSampler whether the plan may replace a custom sampler
         * @return this builder
         */
        public Builder optReplaceSampler(boolean replaceSampler) {
            this.replaceSampler = replaceSampler;
            return this;
        }

        /**
         * Builds the pruned dataset, checking that the policy fits the dataset.
         *
         * @return the pruned dataset
         */
        public PrunedDataset build() {
            Objects.requireNonNull(dataset, "dataset: call setDataset(...)");
            Objects.requireNonNull(policy, "policy: call setPolicy(...)");
            long size = dataset.size();
            if (size == 0) {
                throw new IllegalArgumentException(
                        "Dataset "
                                + dataset.getClass().getName()
                                + " is empty (size 0); pruning needs at least one sample: check"
                                + " the data directory, limit or split that built it.");
            }
            if (size != policy.getDatasetSize()) {
                throw new IllegalArgumentException(
                        "The pruning policy was built for "
                                + policy.getDatasetSize()
                                + " samples but the dataset has "
                                + size
                                + "; build the policy with the dataset's size.");
            }
            if (batchSize == 0) {
                batchSize = batchSizeOf(dataset);
            } else if (batchSize < 0) {
                throw new IllegalArgumentException(
                        "Batch size " + batchSize + " is invalid: it must be at least 1.");
            }
            dropLast = dropLastOption != null ? dropLastOption : dropsLastOf(dataset);
            DatasetOrder order = replaceSampler ? DatasetOrder.CUSTOM : DatasetOrder.of(dataset);
            if (order == DatasetOrder.CUSTOM && !replaceSampler) {
                throw new IllegalArgumentException(
                        "The training dataset samples with "
                                + DatasetOrder.describe(dataset)
                                + ", but pruning replaces the dataset's sampler with its own plan"
                                + " (which samples each epoch trains, in a shuffled order), so that"
                                + " sampler's choice and order would be lost. To prune, build the"
                                + " training set with setSampling(batchSize, true) (the pruner"
                                + " shuffles with its own seed) or setSampling(batchSize, false)"
                                + " (the kept samples train in index order). To replace the sampler"
                                + " knowingly, train"
                                + " PrunedDataset.builder().setDataset(train).setPolicy(policy).optReplaceSampler(true).build()"
                                + " with PrunedTraining.fit(trainer, epochs, pruned, validate). To"
                                + " keep the sampler, train without pruning (EasyTrain.fit).");
            }
            indexOrder = order == DatasetOrder.INDEX_ORDER;
            return new PrunedDataset(this);
        }
    }
}
