package dev.greentrain.training;

import ai.djl.training.tracker.Tracker;
import java.util.Objects;

/**
 * A learning-rate {@link Tracker} that follows training progress in epochs instead of the
 * optimizer's update count.
 *
 * <p>DJL trackers are keyed on the number of updates. When pruning shortens epochs, a schedule
 * written for full epochs (e.g. a cosine decay over {@code E * stepsPerEpoch} updates) would run
 * too slowly and never finish. This tracker converts the progress read from a {@link
 * TrainingProgress} into the update count a full-data run would have reached at the same point,
 * {@code epochs * ceil(N / B) + ceil(fraction * N / B)}, and asks the wrapped tracker for that
 * update. On full data it gives exactly the wrapped tracker's values.
 */
public final class EpochAlignedTracker implements Tracker {

    private final Tracker schedule;
    private final TrainingProgress progress;
    private final int datasetSize;
    private final int batchSize;
    private final int updatesPerEpoch;

    private EpochAlignedTracker(Builder builder) {
        this.schedule = builder.schedule;
        this.progress = builder.progress;
        this.datasetSize = builder.datasetSize;
        this.batchSize = builder.batchSize;
        this.updatesPerEpoch = (datasetSize + batchSize - 1) / batchSize;
    }

    /**
     * Creates a builder; every setting is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the update count a full-data run would have reached at the current progress.
     *
     * @return the full-data-equivalent update count
     */
    public int getEquivalentUpdate() {
        double samplesInEpoch = progress.getEpochFraction() * datasetSize;
        int updatesInEpoch = (int) Math.ceil(samplesInEpoch / batchSize - 1e-9);
        return progress.getCompletedEpochs() * updatesPerEpoch + updatesInEpoch;
    }

    /**
     * Returns the wrapped schedule's value at the current progress; the optimizer's own update
     * count is ignored.
     *
     * @param numUpdate the optimizer's update count (ignored)
     * @return the value of the schedule
     */
    @Override
    public float getNewValue(int numUpdate) {
        return schedule.getNewValue(Math.max(1, getEquivalentUpdate()));
    }

    /** Builds an {@link EpochAlignedTracker}. */
    public static final class Builder {

        private Tracker schedule;
        private TrainingProgress progress;
        private int datasetSize;
        private int batchSize;

        Builder() {}

        /**
         * Sets the schedule, written in updates of a full-data run.
         *
         * @param schedule any DJL tracker, e.g. {@code Tracker.cosine()...build()}
         * @return this builder
         */
        public Builder setSchedule(Tracker schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the progress listener to read; add the same instance to the training config.
         *
         * @param progress the training progress listener
         * @return this builder
         */
        public Builder setProgress(TrainingProgress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Sets the number of samples in the full training set and the batch size.
         *
         * @param datasetSize the number of training samples N
         * @param batchSize the batch size B
         * @return this builder
         */
        public Builder setEpochShape(int datasetSize, int batchSize) {
            this.datasetSize = datasetSize;
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Builds the tracker.
         *
         * @return the tracker
         */
        public EpochAlignedTracker build() {
            Objects.requireNonNull(schedule, "schedule: call setSchedule(...)");
            Objects.requireNonNull(progress, "progress: call setProgress(...)");
            if (datasetSize < 1 || batchSize < 1) {
                throw new IllegalArgumentException(
                        "Epoch shape "
                                + datasetSize
                                + " samples / batch "
                                + batchSize
                                + " is invalid: both must be at least 1; call"
                                + " setEpochShape(trainingSetSize, batchSize).");
            }
            return new EpochAlignedTracker(this);
        }
    }
}
