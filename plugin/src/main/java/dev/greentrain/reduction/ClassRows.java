package dev.greentrain.reduction;

/**
 * Some samples' features stored column by column (feature t of member j at {@code t * n + j}), so
 * that the distances or dot products of one member to all others are computed feature by feature
 * over contiguous memory (a loop the JIT vectorises), each pair's sum still taken in feature order,
 * as {@link LabelledFeatures#squaredDistance} does.
 */
final class ClassRows {

    private final float[] columns;
    private final int n;
    private final int dim;

    /**
     * Copies the members' features.
     *
     * @param features the features
     * @param members the samples, in the order wanted
     */
    ClassRows(LabelledFeatures features, int[] members) {
        this.n = members.length;
        this.dim = features.dim();
        this.columns = new float[n * dim];
        float[] data = features.data();
        for (int j = 0; j < n; j++) {
            int row = members[j] * dim;
            for (int t = 0; t < dim; t++) {
                columns[t * n + j] = data[row + t];
            }
        }
    }

    /**
     * Returns the number of members.
     *
     * @return n
     */
    int size() {
        return n;
    }

    /**
     * Writes the squared Euclidean distance from member i to every member j in {@code [from, n)} to
     * {@code out[j]}.
     *
     * @param i a member
     * @param from the first member written
     * @param out at least n values
     */
    void squaredDistances(int i, int from, double[] out) {
        java.util.Arrays.fill(out, from, n, 0);
        for (int t = 0; t < dim; t++) {
            int base = t * n;
            double x = columns[base + i];
            for (int j = from; j < n; j++) {
                double d = x - columns[base + j];
                out[j] += d * d;
            }
        }
    }

    /**
     * Writes the dot product of member i with every member j in {@code [from, n)} to {@code
     * out[j]}.
     *
     * @param i a member
     * @param from the first member written
     * @param out at least n values
     */
    void dots(int i, int from, double[] out) {
        java.util.Arrays.fill(out, from, n, 0);
        for (int t = 0; t < dim; t++) {
            int base = t * n;
            double x = columns[base + i];
            for (int j = from; j < n; j++) {
                out[j] += x * columns[base + j];
            }
        }
    }
}
