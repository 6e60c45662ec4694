package dev.greentrain.compare;

import ai.djl.Device;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Pipeline;
import java.lang.reflect.Field;

/**
 * How a training set is iterated (its sampler, batchifiers, pipelines, prefetch and device), read
 * from one {@link RandomAccessDataset} and given to the builder of another, so that a set derived
 * from the workload's training set batches and transforms its samples exactly as the original.
 *
 * <p>DJL keeps these settings in protected fields without getters, so they are read by reflection
 * (as {@code PrunedDataset} reads the sampler); the row limit is not copied: it caps the original's
 * rows, not the derived set's.
 */
record TrainingSetSettings(
        Sampler sampler,
        Batchifier dataBatchifier,
        Batchifier labelBatchifier,
        Pipeline pipeline,
        Pipeline targetPipeline,
        int prefetchNumber,
        Device device) {

    /**
     * Reads the settings of a dataset.
     *
     * @param dataset the workload's training set
     * @return its settings
     * @throws IllegalStateException if this DJL version keeps them elsewhere
     */
    static TrainingSetSettings of(RandomAccessDataset dataset) {
        return new TrainingSetSettings(
                (Sampler) field(dataset, "sampler"),
                (Batchifier) field(dataset, "dataBatchifier"),
                (Batchifier) field(dataset, "labelBatchifier"),
                (Pipeline) field(dataset, "pipeline"),
                (Pipeline) field(dataset, "targetPipeline"),
                (Integer) field(dataset, "prefetchNumber"),
                (Device) field(dataset, "device"));
    }

    /**
     * Gives these settings to a dataset builder.
     *
     * @param builder the derived set's builder
     * @param <T> the builder's type
     * @return the builder
     */
    <T extends RandomAccessDataset.BaseBuilder<T>> T applyTo(T builder) {
        builder.setSampling(sampler)
                .optDataBatchifier(dataBatchifier)
                .optLabelBatchifier(labelBatchifier)
                .optPipeline(pipeline)
                .optTargetPipeline(targetPipeline)
                .optPrefetchNumber(prefetchNumber);
        return device == null ? builder : builder.optDevice(device);
    }

    private static Object field(RandomAccessDataset dataset, String name) {
        try {
            Field field = RandomAccessDataset.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(dataset);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read RandomAccessDataset."
                            + name
                            + " from this DJL version, which a derived training set (CLC's"
                            + " synthetic points) copies from the workload's training set; run"
                            + " the comparison with the DJL version in the project's pom.",
                    e);
        }
    }
}
