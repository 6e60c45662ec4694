package dev.greentrain.reduction;

import java.util.Arrays;

/**
 * The original ProtoDash (projected coordinate descent for the weights, every kernel value
 * recomputed), Gaussian kernel only, kept as the reference the fast {@link ProtoDash} is checked
 * against.
 */
final class ReferenceProtoDash {

    private ReferenceProtoDash() {}

    static ProtoDash.Prototypes prototypes(
            LabelledFeatures features, int[] members, int m, double sigma) {
        int n = members.length;
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double kij = kernel(features, sigma, members[i], members[j]);
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
                    value = mu[i] * mu[i] / (2 * kernel(features, sigma, members[i], members[i]));
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
                kernelRows[size][i] = (float) kernel(features, sigma, members[best], members[i]);
            }
            muS[size] = mu[best];
            int newSize = size + 1;
            double[] grown = new double[newSize * newSize];
            for (int a = 0; a < newSize; a++) {
                for (int b = 0; b < newSize; b++) {
                    grown[a * newSize + b] =
                            a < size && b < size
                                    ? kS[a * size + b]
                                    : kernel(
                                            features,
                                            sigma,
                                            members[chosen[a]],
                                            members[chosen[b]]);
                }
            }
            System.arraycopy(grown, 0, kS, 0, grown.length);
            if (size == 0) {
                w[0] = Math.max(mu[best] / grown[0], 0);
            } else if (bestValue > 0) {
                coordinateDescent(grown, muS, w, newSize, ProtoDash.MAX_WEIGHT, 1e-9, 100_000);
            } else {
                w[size] = 0;
            }
        }
        int[] indices = new int[m];
        for (int s = 0; s < m; s++) {
            indices[s] = members[chosen[s]];
        }
        return new ProtoDash.Prototypes(indices, Arrays.copyOf(w, m));
    }

    private static int coordinateDescent(
            double[] k,
            double[] u,
            double[] w,
            int size,
            double upper,
            double tolerance,
            int maxSweeps) {
        for (int sweep = 1; sweep <= maxSweeps; sweep++) {
            double largestMove = 0;
            for (int j = 0; j < size; j++) {
                double gradient = -u[j];
                for (int l = 0; l < size; l++) {
                    gradient += k[j * size + l] * w[l];
                }
                double next = Math.min(upper, Math.max(0, w[j] - gradient / k[j * size + j]));
                largestMove =
                        Math.max(largestMove, Math.abs(next - w[j]) / Math.max(1, Math.abs(w[j])));
                w[j] = next;
            }
            if (largestMove <= tolerance) {
                return sweep;
            }
        }
        return maxSweeps;
    }

    private static double kernel(LabelledFeatures features, double sigma, int a, int b) {
        int dim = features.dim();
        double squared =
                LabelledFeatures.squaredDistance(
                        features.data(), a * dim, features.data(), b * dim, dim);
        return Math.exp(-squared / (2 * sigma * sigma));
    }
}
