package dev.greentrain.reduction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A reduced training set: a {@link RandomAccessDataset} over the original that serves the samples
 * of a {@link Selection}, computed once and saved with {@link #save} so that later trainings reuse
 * it.
 *
 * <p>Sample {@code i} is the original's sample {@code selection.group(i)[0]} for a subset. For a
 * synthetic point (CLC) it is the element-wise mean, in float32, of every data array of its
 * members' records, with the first member's labels (all members share the class).
 */
public final class ReducedDataset extends RandomAccessDataset {

    private final RandomAccessDataset original;
    private final Selection selection;

    private ReducedDataset(Builder builder) {
        super(builder);
        this.original = builder.original;
        this.selection = builder.selection;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        int[] group = selection.group(Math.toIntExact(index));
        if (group.length == 1) {
            return original.get(manager, group[0]);
        }
        Record first = original.get(manager, group[0]);
        NDList sums = new NDList();
        for (NDArray array : first.getData()) {
            sums.add(array.toType(DataType.FLOAT32, true));
        }
        for (int m = 1; m < group.length; m++) {
            NDList data = original.get(manager, group[m]).getData();
            for (int a = 0; a < sums.size(); a++) {
                sums.get(a).addi(data.get(a).toType(DataType.FLOAT32, false));
            }
        }
        for (NDArray sum : sums) {
            sum.divi(group.length);
        }
        return new Record(sums, first.getLabels());
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return selection.size();
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) throws IOException, ai.djl.translate.TranslateException {
        original.prepare(progress);
    }

    /**
     * Returns the selection this dataset serves.
     *
     * @return the selection
     */
    public Selection getSelection() {
        return selection;
    }

    /**
     * Saves the selection as an index file with the original's size and fingerprint.
     *
     * @param path the file to write (atomically replaced)
     * @param manager the manager the original's samples are read with, for the fingerprint
     * @throws IOException if the file cannot be written or the original read
     */
    public void save(Path path, NDManager manager) throws IOException {
        IndexFile.write(path, selection, original, manager);
    }

    /** The builder, in DJL's style: the original and the selection are required. */
    public static final class Builder extends BaseBuilder<Builder> {

        private RandomAccessDataset original;
        private Selection selection;

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the dataset the selection was made from.
         *
         * @param original the full training set
         * @return this builder
         */
        public Builder setOriginal(RandomAccessDataset original) {
            this.original = Objects.requireNonNull(original, "original");
            return this;
        }

        /**
         * Sets the reduced set to serve.
         *
         * @param selection a selection of the original's samples
         * @return this builder
         */
        public Builder setSelection(Selection selection) {
            this.selection = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * Loads the selection from an index file, refusing one written for another data set.
         *
         * @param path the index file
         * @param manager the manager the original's samples are read with, for the fingerprint
         * @return this builder
         * @throws IOException if the file cannot be read or is corrupt
         * @throws IllegalStateException if no original was set before
         * @throws IllegalArgumentException if the file's size or fingerprint is not the original's
         */
        public Builder optIndexFile(Path path, NDManager manager) throws IOException {
            if (original == null) {
                throw new IllegalStateException(
                        "Set the original dataset with setOriginal(dataset) before"
                                + " optIndexFile(path, manager): the file is checked against it.");
            }
            this.selection = IndexFile.read(path, original, manager);
            return this;
        }

        /**
         * Builds the dataset.
         *
         * @return the reduced dataset
         * @throws IllegalArgumentException if the original or the selection is missing, or a
         *     selected index is outside the original
         */
        public ReducedDataset build() {
            if (original == null || selection == null) {
                throw new IllegalArgumentException(
                        "A ReducedDataset needs setOriginal(dataset) and setSelection(selection)"
                                + " (or optIndexFile(path, manager)).");
            }
            long size = original.size();
            for (int g = 0; g < selection.size(); g++) {
                for (int index : selection.group(g)) {
                    if (index < 0 || index >= size) {
                        throw new IllegalArgumentException(
                                "The selection refers to sample "
                                        + index
                                        + " but the original has "
                                        + size
                                        + " samples: select from this dataset's own features.");
                    }
                }
            }
            return new ReducedDataset(this);
        }
    }
}
