package dev.greentrain.pruning;

import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;

/**
 * The sample order a dataset's own sampler asks for, which decides how a {@link PrunedDataset}
 * orders a plan: shuffled, in index order, or something pruning cannot combine with.
 */
enum DatasetOrder {
    /** {@code setSampling(batchSize, true)}: the plan's own shuffled order replaces it. */
    SHUFFLED,
    /** {@code setSampling(batchSize, false)}: the kept samples train in index order. */
    INDEX_ORDER,
    /** Any other sampler (weighted, sub-sampling, curriculum, ...): its choice would be lost. */
    CUSTOM;

    /**
     * Reads the order the dataset's sampler asks for.
     *
     * @param dataset a DJL dataset
     * @return its order
     */
    static DatasetOrder of(RandomAccessDataset dataset) {
        Sampler sampler = PrunedDataset.samplerOf(dataset);
        if (sampler.getClass() != BatchSampler.class) {
            return CUSTOM;
        }
        Class<?> sub = subSamplerOf(sampler).getClass();
        if (sub == RandomSampler.class) {
            return SHUFFLED;
        }
        return sub == SequenceSampler.class ? INDEX_ORDER : CUSTOM;
    }

    /**
     * Describes the dataset's sampler for an error message.
     *
     * @param dataset a DJL dataset
     * @return e.g. {@code BatchSampler over com.acme.WeightedSampler}
     */
    static String describe(RandomAccessDataset dataset) {
        Sampler sampler = PrunedDataset.samplerOf(dataset);
        if (sampler instanceof BatchSampler) {
            return "a BatchSampler over " + subSamplerOf(sampler).getClass().getName();
        }
        return sampler.getClass().getName();
    }

    private static Sampler.SubSampler subSamplerOf(Sampler batchSampler) {
        return (Sampler.SubSampler)
                PrunedDataset.readField(BatchSampler.class, "subSampler", batchSampler);
    }
}
