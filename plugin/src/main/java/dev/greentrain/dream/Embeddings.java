package dev.greentrain.dream;

/**
 * Embeddings of a dataset on the host: row {@code i} is {@code data[i * dim .. (i + 1) * dim)}.
 *
 * @param data the values, row-major
 * @param rows the number of samples
 * @param dim the embedding dimension
 */
public record Embeddings(float[] data, int rows, int dim) {

    /** Checks the array length against the shape. */
    public Embeddings {
        if (rows < 0 || dim < 0 || (long) rows * dim != data.length) {
            throw new IllegalArgumentException(
                    "Embeddings of "
                            + rows
                            + " x "
                            + dim
                            + " need "
                            + (long) rows * dim
                            + " values, got "
                            + data.length
                            + ".");
        }
    }
}
