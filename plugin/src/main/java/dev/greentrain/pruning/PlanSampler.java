package dev.greentrain.pruning;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DJL {@link Sampler} that cuts one {@link EpochPlan} into mini-batches of dataset indices.
 *
 * <p>It builds its own batches rather than wrapping DJL's {@code BatchSampler}, which fixes the
 * batch count from the dataset size and would yield empty batches for a shorter epoch. Like {@code
 * BatchSampler}, the last batch is partial unless {@code dropLast} is set, and no batch is ever
 * empty.
 */
public final class PlanSampler implements Sampler {

    private final EpochPlan plan;
    private final int batchSize;
    private final boolean dropLast;

    /**
     * Creates a sampler over one epoch plan.
     *
     * @param plan the epoch to cut into batches
     * @param batchSize the number of samples per batch, at least 1
     * @param dropLast whether to drop a last batch smaller than {@code batchSize}
     */
    public PlanSampler(EpochPlan plan, int batchSize, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "Batch size " + batchSize + " is invalid: it must be at least 1.");
        }
        this.plan = plan;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    /**
     * Returns the number of batches this sampler yields.
     *
     * @return the batch count of the epoch
     */
    public int getBatchCount() {
        int full = plan.size() / batchSize;
        return dropLast || plan.size() % batchSize == 0 ? full : full + 1;
    }

    /**
     * Returns the number of samples this sampler yields over all its batches.
     *
     * @return the samples of the epoch, less a dropped last batch
     */
    public int getSampleCount() {
        return Math.min(plan.size(), getBatchCount() * batchSize);
    }

    /** {@inheritDoc} */
    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        int end = getSampleCount();
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                return position < end;
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The epoch has no more batches.");
                }
                int stop = Math.min(position + batchSize, end);
                List<Long> batch = new ArrayList<>(stop - position);
                for (; position < stop; position++) {
                    batch.add((long) plan.indexAt(position));
                }
                return batch;
            }
        };
    }

    /** {@inheritDoc} */
    @Override
    public int getBatchSize() {
        return batchSize;
    }
}
