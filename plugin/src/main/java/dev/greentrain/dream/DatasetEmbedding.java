package dev.greentrain.dream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeds every sample of a {@link RandomAccessDataset} in batches, in inference mode, and counts
 * the forward passes it costs; also reads the dataset's integer class labels.
 *
 * <p>Each batch runs under its own sub-manager that is closed after its rows are copied to the
 * host, so nothing is leaked. Every output is checked: one row per input row, and only finite
 * values.
 */
public final class DatasetEmbedding {

    /** The default number of samples embedded per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 512;

    private final Embedder embedder;
    private final int batchSize;
    private final AtomicLong forwardPasses = new AtomicLong();

    /**
     * Creates an embedding pass.
     *
     * @param embedder the embedder
     * @param batchSize the samples per forward pass, at least 1
     */
    public DatasetEmbedding(Embedder embedder, int batchSize) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "Embedding batch size " + batchSize + " is invalid: it must be at least 1.");
        }
        this.batchSize = batchSize;
    }

    /**
     * Returns the number of samples forwarded through the model so far (0 for an embedder that does
     * not run the model).
     *
     * @return the forward passes this component has cost, in samples
     */
    public long getForwardPasses() {
        return forwardPasses.get();
    }

    /**
     * Embeds the whole dataset.
     *
     * @param manager the manager the batches are loaded with (its device is used)
     * @param dataset the dataset
     * @return one row per sample, in dataset order
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalStateException if the embedder returns a wrong row count or a non-finite value
     */
    public Embeddings embed(NDManager manager, RandomAccessDataset dataset)
            throws IOException, TranslateException {
        int size = checkedSize(dataset);
        float[] data = null;
        int dim = -1;
        try (NDManager pass = manager.newSubManager()) {
            for (Batch batch :
                    dataset.getData(
                            pass, new BatchSampler(new SequenceSampler(), batchSize, false))) {
                try (NDManager scope = pass.newSubManager()) {
                    NDList inputs = batch.getData();
                    inputs.tempAttach(scope);
                    int rows =
                            inputs.head().getShape().isScalar() ? 1 : (int) inputs.head().size(0);
                    NDArray out = embedder.embed(inputs);
                    if (out.getManager() != scope) {
                        out.attach(scope); // a user function's output is freed with the batch
                    }
                    checkShape(out, rows);
                    if (embedder.forwardsModel()) {
                        forwardPasses.addAndGet(rows);
                    }
                    float[] values =
                            out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                    int outDim = (int) out.getShape().get(1);
                    if (data == null) {
                        dim = outDim;
                        data = new float[Math.multiplyExact(size, dim)];
                    } else if (outDim != dim) {
                        throw new IllegalStateException(
                                embedder
                                        + " returned "
                                        + outDim
                                        + " columns after "
                                        + dim
                                        + " in an earlier batch; every batch must have the same"
                                        + " embedding dimension.");
                    }
                    long[] indices =
                            batch.getIndices().stream()
                                    .mapToLong(o -> ((Number) o).longValue())
                                    .toArray();
                    for (int r = 0; r < rows; r++) {
                        int index = (int) indices[r];
                        for (int j = 0; j < dim; j++) {
                            float v = values[r * dim + j];
                            if (!Float.isFinite(v)) {
                                throw new IllegalStateException(
                                        "The embedding of sample "
                                                + index
                                                + " has a non-finite value ("
                                                + v
                                                + " at column "
                                                + j
                                                + ") from "
                                                + embedder
                                                + "; check that sample's data and the model's"
                                                + " weights (a diverged model gives NaN).");
                            }
                        }
                        System.arraycopy(values, r * dim, data, index * dim, dim);
                    }
                } finally {
                    batch.close();
                }
            }
        }
        return new Embeddings(data, size, dim);
    }

    private void checkShape(NDArray out, int rows) {
        if (out.getShape().dimension() != 2 || out.getShape().get(0) != rows) {
            throw new IllegalStateException(
                    embedder
                            + " returned shape "
                            + out.getShape()
                            + " for a batch of "
                            + rows
                            + " samples; an embedder must return (batch size, dimension) = ("
                            + rows
                            + ", D): one row per input row.");
        }
    }

    /**
     * Reads the integer class label of every sample (the first label array, one value per sample).
     *
     * @param manager the manager the batches are loaded with
     * @param dataset the dataset
     * @return the class id of every sample, in dataset order
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalArgumentException if a label is not a non-negative integer or not one value
     */
    public static int[] readLabels(NDManager manager, RandomAccessDataset dataset)
            throws IOException, TranslateException {
        int size = checkedSize(dataset);
        int[] labels = new int[size];
        try (NDManager pass = manager.newSubManager()) {
            for (Batch batch :
                    dataset.getData(pass, new BatchSampler(new SequenceSampler(), 1024, false))) {
                try {
                    NDArray array = batch.getLabels().head();
                    int rows = batch.getSize();
                    if (array.size() != rows) {
                        throw new IllegalArgumentException(
                                "The labels of a batch of "
                                        + rows
                                        + " samples have shape "
                                        + array.getShape()
                                        + "; class labels must be one integer class id per"
                                        + " sample.");
                    }
                    double[] values =
                            array.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                                    .toDoubleArray();
                    long[] indices =
                            batch.getIndices().stream()
                                    .mapToLong(o -> ((Number) o).longValue())
                                    .toArray();
                    for (int r = 0; r < rows; r++) {
                        double v = values[r];
                        if (!(v >= 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE)) {
                            throw new IllegalArgumentException(
                                    "The label of sample "
                                            + indices[r]
                                            + " is "
                                            + v
                                            + ", not a class id; class labels must be integers"
                                            + " >= 0 (0, 1, 2, ...); pass the class ids with"
                                            + " optLabels(int[]) if the dataset's labels are not.");
                        }
                        labels[(int) indices[r]] = (int) v;
                    }
                } finally {
                    batch.close();
                }
            }
        }
        return labels;
    }

    static int checkedSize(RandomAccessDataset dataset) {
        long size = Objects.requireNonNull(dataset, "dataset").size();
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "The dataset has "
                            + size
                            + " samples; clustering needs 1 to "
                            + Integer.MAX_VALUE
                            + " samples.");
        }
        return (int) size;
    }
}
