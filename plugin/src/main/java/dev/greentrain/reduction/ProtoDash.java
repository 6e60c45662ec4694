package dev.greentrain.reduction;

import java.util.Arrays;

/**
 * PRD, ProtoDash prototypes per class (Gurumoorthy et al.), with a Gaussian kernel {@code k(a, b) =
 * exp(-||a - b||^2 / (2 sigma^2))}, sigma = 2 by default.
 *
 * <p>Per class of n samples, m = floor(p * n): {@code mu_i = (1/n) sum_j k(x_j, x_i)}. The first
 * prototype maximises {@code mu_i^2 / (2 k(x_i, x_i))} with weight {@code max(mu_i / k(x_i, x_i),
 * 0)}. Then, repeatedly, the remaining sample with the largest gradient {@code mu_i - sum_{s in S}
 * w_s k(x_s, x_i)} joins S (ties: the lowest index); if that gradient is positive the weights are
 * re-optimised, {@code min 1/2 w^T K_S w - mu_S^T w} with {@code 0 <= w <= 10000} (AIX360's bound),
 * by {@link BoxQuadraticProgram}, warm-started; otherwise the new weight is 0.
 *
 * <p>Differences from the authors' call: their {@code prd_selection} passes sigma = 2 but no kernel
 * type, so AIX360 uses its default linear kernel ({@link #linear()} reproduces that); AIX360's loop
 * also accepts its second candidate unconditionally ({@code count == 1}), a quirk not kept. Cost:
 * O(n^2 d) for mu and O(m^2 n) for the gradients per class.
 */
public final class ProtoDash implements SelectionMethod {

    /** AIX360's upper bound on a prototype weight. */
    static final double MAX_WEIGHT = 10000;

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
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double kij = kernel(features, members[i], members[j]);
                mu[i] += kij;
                if (j != i) {
                    mu[j] += kij;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            mu[i] /= n;
        }
        int[] chosen = new int[m];
        boolean[] taken = new boolean[n];
        float[][] kernelRows = new float[m][];
        double[] kS = new double[m * m];
        double[] muS = new double[m];
        double[] w = new double[m];
        for (int size = 0; size < m; size++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double value;
                if (size == 0) {
                    value = mu[i] * mu[i] / (2 * kernel(features, members[i], members[i]));
                } else {
                    value = mu[i];
                    for (int s = 0; s < size; s++) {
                        value -= w[s] * kernelRows[s][i];
                    }
                }
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            chosen[size] = best;
            taken[best] = true;
            kernelRows[size] = new float[n];
            for (int i = 0; i < n; i++) {
                kernelRows[size][i] = (float) kernel(features, members[best], members[i]);
            }
            muS[size] = mu[best];
            int newSize = size + 1;
            double[] grown = new double[newSize * newSize];
            for (int a = 0; a < newSize; a++) {
                for (int b = 0; b < newSize; b++) {
                    grown[a * newSize + b] =
                            a < size && b < size
                                    ? kS[a * size + b]
                                    : kernel(features, members[chosen[a]], members[chosen[b]]);
                }
            }
            System.arraycopy(grown, 0, kS, 0, grown.length);
            if (size == 0) {
                w[0] = Math.max(mu[best] / grown[0], 0);
            } else if (bestValue > 0) {
                BoxQuadraticProgram.solve(grown, muS, w, newSize, MAX_WEIGHT, 1e-9, 100_000);
            } else {
                w[size] = 0;
            }
        }
        int[] indices = new int[m];
        for (int s = 0; s < m; s++) {
            indices[s] = members[chosen[s]];
        }
        return new Prototypes(indices, Arrays.copyOf(w, m));
    }

    private double kernel(LabelledFeatures features, int a, int b) {
        int dim = features.dim();
        if (gaussian) {
            double squared =
                    LabelledFeatures.squaredDistance(
                            features.data(), a * dim, features.data(), b * dim, dim);
            return Math.exp(-squared / (2 * sigma * sigma));
        }
        double dot = 0;
        for (int j = 0; j < dim; j++) {
            dot += (double) features.data()[a * dim + j] * features.data()[b * dim + j];
        }
        return dot;
    }
}
