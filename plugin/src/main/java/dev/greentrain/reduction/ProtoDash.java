package dev.greentrain.reduction;

import java.util.Arrays;

/**
 * PRD, ProtoDash prototypes per class (Gurumoorthy et al.), with a Gaussian kernel {@code k(a, b) =
 * exp(-||a - b||^2 / (2 sigma^2))}, sigma = 2 by default.
 *
 * <p>Per class of n samples, m = floor(p * n): {@code mu_i = (1/n) sum_j k(x_j, x_i)}. The first
 * prototype maximises {@code mu_i^2 / (2 k(x_i, x_i))} with weight {@code max(mu_i / k(x_i, x_i),
 * 0)}, at most 10000 (the box below). Then, repeatedly, the remaining sample with the largest
 * gradient {@code mu_i - sum_{s in S} w_s k(x_s, x_i)} joins S (ties: the lowest index); if that
 * gradient is positive the weights are re-optimised, {@code min 1/2 w^T K_S w - mu_S^T w} with
 * {@code 0 <= w <= 10000} (AIX360's bound), exactly, by {@link BoxQuadraticProgram} (an active-set
 * method restarted from the previous weights); otherwise the new weight is 0.
 *
 * <p>Differences from the authors' call: their {@code prd_selection} passes sigma = 2 but no kernel
 * type, so AIX360 uses its default linear kernel ({@link #linear()} reproduces that); AIX360's loop
 * also accepts its second candidate unconditionally ({@code count == 1}), a quirk not kept. Cost
 * per class: O(n^2 d) for mu, O(m n d) for the chosen samples' kernel rows (kept, each computed
 * once), O(m^2 n) for the gradients and at most O(m^3) for the weights.
 */
public final class ProtoDash implements SelectionMethod {

    /** AIX360's upper bound on a prototype weight. */
    static final double MAX_WEIGHT = 10000;

    /** The weights' optimality tolerance, relative to the gradient's terms. */
    static final double TOLERANCE = 1e-10;

    private final double sigma;
    private final boolean gaussian;

    private ProtoDash(double sigma, boolean gaussian) {
        this.sigma = sigma;
        this.gaussian = gaussian;
    }

    /**
     * Returns ProtoDash with a Gaussian kernel.
     *
     * @param sigma the kernel width, positive and finite (the authors' setting is 2)
     * @return the method
     */
    public static ProtoDash gaussian(double sigma) {
        if (!(sigma > 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException(
                    "ProtoDash sigma = " + sigma + " is invalid: it must be positive, e.g. 2.");
        }
        return new ProtoDash(sigma, true);
    }

    /**
     * Returns ProtoDash with the linear kernel {@code k(a, b) = a . b}, the kernel the authors'
     * call ends up using.
     *
     * @return the method
     */
    public static ProtoDash linear() {
        return new ProtoDash(Double.NaN, false);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "PRD";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        ClassMembers classes = features.classes();
        int[] kept = classes.keptPerClass(fraction, name());
        int[] out = new int[Arrays.stream(kept).sum()];
        int next = 0;
        for (int c = 0; c < classes.count(); c++) {
            for (int index : prototypes(features, classes.members(c), kept[c]).indices()) {
                out[next++] = index;
            }
        }
        return Selection.ofIndices(out, features);
    }

    /**
     * The prototypes of one set of samples and their weights.
     *
     * @param indices the chosen samples, in the order chosen
     * @param weights their final weights
     */
    record Prototypes(int[] indices, double[] weights) {}

    /**
     * Chooses prototypes among some samples, explaining the same samples.
     *
     * @param features the features
     * @param members the samples
     * @param m how many prototypes, 1 to members.length
     * @return the prototypes
     */
    Prototypes prototypes(LabelledFeatures features, int[] members, int m) {
        int n = members.length;
        ClassRows rows = new ClassRows(features, members);
        double[] mu = new double[n];
        double[] row = new double[n];
        double[] self = new double[n];
        for (int i = 0; i < n; i++) {
            kernelRow(rows, i, i, row);
            self[i] = row[i];
            mu[i] += row[i];
            for (int j = i + 1; j < n; j++) {
                mu[i] += row[j];
                mu[j] += row[j];
            }
        }
        for (int i = 0; i < n; i++) {
            mu[i] /= n;
        }
        int[] chosen = new int[m];
        boolean[] taken = new boolean[n];
        float[][] kernelRows = new float[m][];
        double[] column = new double[m];
        // value[i] = mu_i - sum_s w_s k(x_s, x_i), the gradient, refreshed when the weights change
        double[] value = mu.clone();
        BoxQuadraticProgram weights = new BoxQuadraticProgram(m, MAX_WEIGHT);
        for (int size = 0; size < m; size++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double candidate = size == 0 ? mu[i] * mu[i] / (2 * self[i]) : value[i];
                if (candidate > bestValue) {
                    bestValue = candidate;
                    best = i;
                }
            }
            chosen[size] = best;
            taken[best] = true;
            kernelRows[size] = new float[n];
            kernelRow(rows, best, 0, row);
            for (int i = 0; i < n; i++) {
                kernelRows[size][i] = (float) row[i];
            }
            for (int s = 0; s < size; s++) {
                column[s] = row[chosen[s]];
            }
            column[size] = row[best];
            weights.add(column, mu[best]);
            if (size == 0 || bestValue > 0) {
                weights.solve(TOLERANCE);
                refreshGradients(value, mu, weights.weights(), kernelRows);
            }
        }
        int[] indices = new int[m];
        for (int s = 0; s < m; s++) {
            indices[s] = members[chosen[s]];
        }
        return new Prototypes(indices, weights.weights());
    }

    /** Writes {@code mu_i - sum_s w_s k(x_s, x_i)} for every i, subtracting in the order of s. */
    private static void refreshGradients(
            double[] value, double[] mu, double[] w, float[][] kernelRows) {
        System.arraycopy(mu, 0, value, 0, mu.length);
        int n = value.length;
        int[] nonZero = new int[w.length];
        int count = 0;
        for (int s = 0; s < w.length; s++) {
            if (w[s] != 0) {
                nonZero[count++] = s;
            }
        }
        int t = 0;
        for (; t + 3 < count; t += 4) {
            double w0 = w[nonZero[t]];
            double w1 = w[nonZero[t + 1]];
            double w2 = w[nonZero[t + 2]];
            double w3 = w[nonZero[t + 3]];
            float[] k0 = kernelRows[nonZero[t]];
            float[] k1 = kernelRows[nonZero[t + 1]];
            float[] k2 = kernelRows[nonZero[t + 2]];
            float[] k3 = kernelRows[nonZero[t + 3]];
            for (int i = 0; i < n; i++) {
                value[i] = value[i] - w0 * k0[i] - w1 * k1[i] - w2 * k2[i] - w3 * k3[i];
            }
        }
        for (; t < count; t++) {
            double ws = w[nonZero[t]];
            float[] kernelRow = kernelRows[nonZero[t]];
            for (int i = 0; i < n; i++) {
                value[i] -= ws * kernelRow[i];
            }
        }
    }

    /** Writes {@code k(x_i, x_j)} for every j in {@code [from, n)} to {@code out[j]}. */
    private void kernelRow(ClassRows rows, int i, int from, double[] out) {
        if (gaussian) {
            rows.squaredDistances(i, from, out);
            double scale = 2 * sigma * sigma;
            for (int j = from; j < rows.size(); j++) {
                out[j] = Math.exp(-out[j] / scale);
            }
        } else {
            rows.dots(i, from, out);
        }
    }
}
