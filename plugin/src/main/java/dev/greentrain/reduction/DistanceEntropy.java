package dev.greentrain.reduction;

import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;

/**
 * DES, distance-entropy selection: a stratified random base of {@code floor(0.5 p n_c)} per class;
 * the class means of the base; every other sample scored by the entropy (base 2) of {@code
 * softmax(s * d)}, d its Euclidean distances to the class means; the highest entropies added (ties:
 * lowest index) until {@code floor(p * N)} samples are kept overall.
 *
 * <p>The sign s is +1 by default, as in the authors' code ({@code np.exp(distances)}); the issue's
 * text says softmax of minus the distances: {@link #negatedDistances()} gives that variant. With
 * two classes both give the same ranking.
 */
public final class DistanceEntropy implements SelectionMethod {

    private final double sign;

    private DistanceEntropy(double sign) {
        this.sign = sign;
    }

    /**
     * Returns DES as the authors' code computes it, softmax of the distances.
     *
     * @return the method
     */
    public static DistanceEntropy authors() {
        return new DistanceEntropy(1);
    }

    /**
     * Returns DES with softmax of minus the distances (nearer class means weigh more).
     *
     * @return the method
     */
    public static DistanceEntropy negatedDistances() {
        return new DistanceEntropy(-1);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "DES";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        ClassMembers classes = features.classes();
        int[] kept = classes.keptPerClass(fraction, name());
        int[] base = new int[kept.length];
        for (int c = 0; c < kept.length; c++) {
            base[c] = Fraction.of(0.5 * fraction, classes.members(c).length);
        }
        int[] baseIndices = StratifiedRandom.sample(classes, base, new SplitMix64(seed));
        int target = Fraction.of(fraction, features.rows());
        double[] means = classMeans(features, classes, baseIndices);
        boolean[] inBase = new boolean[features.rows()];
        for (int index : baseIndices) {
            inBase[index] = true;
        }
        int poolSize = features.rows() - baseIndices.length;
        int[] pool = new int[poolSize];
        double[] entropy = new double[features.rows()];
        int next = 0;
        for (int i = 0; i < features.rows(); i++) {
            if (!inBase[i]) {
                pool[next++] = i;
                entropy[i] = entropy(features, i, means, classes.count());
            }
        }
        Integer[] order = Arrays.stream(pool).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(entropy[b], entropy[a])); // stable: index ties
        int added = Math.max(0, Math.min(poolSize, target - baseIndices.length));
        int[] out = Arrays.copyOf(baseIndices, baseIndices.length + added);
        for (int k = 0; k < added; k++) {
            out[baseIndices.length + k] = order[k];
        }
        return Selection.ofIndices(out, features);
    }

    private static double[] classMeans(
            LabelledFeatures features, ClassMembers classes, int[] baseIndices) {
        int dim = features.dim();
        int count = classes.count();
        double[] sums = new double[count * dim];
        int[] sizes = new int[count];
        int[] position = new int[Arrays.stream(features.labels()).max().orElse(0) + 1];
        for (int c = 0; c < count; c++) {
            position[classes.classId(c)] = c;
        }
        for (int index : baseIndices) {
            int c = position[features.label(index)];
            sizes[c]++;
            for (int j = 0; j < dim; j++) {
                sums[c * dim + j] += features.data()[index * dim + j];
            }
        }
        for (int c = 0; c < count; c++) {
            if (sizes[c] == 0) {
                throw new IllegalArgumentException(
                        "DES needs a base sample of every class, but class "
                                + classes.classId(c)
                                + " has "
                                + classes.members(c).length
                                + " samples, too few for floor(0.5 p n_c) >= 1 at this p: use p >= "
                                + (2.0 / classes.members(c).length)
                                + " or drop or merge that class.");
            }
            for (int j = 0; j < dim; j++) {
                sums[c * dim + j] /= sizes[c];
            }
        }
        return sums;
    }

    private double entropy(LabelledFeatures features, int sample, double[] means, int classes) {
        int dim = features.dim();
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                double d = features.data()[sample * dim + j] - means[c * dim + j];
                sum += d * d;
            }
            logits[c] = sign * Math.sqrt(sum);
            max = Math.max(max, logits[c]);
        }
        return entropyOfSoftmax(logits, max);
    }

    /**
     * Returns the base-2 entropy of softmax(logits), computed stably.
     *
     * @param logits the logits
     * @param max their maximum
     * @return the entropy in bits
     */
    static double entropyOfSoftmax(double[] logits, double max) {
        double total = 0;
        for (double logit : logits) {
            total += Math.exp(logit - max);
        }
        double entropy = 0;
        for (double logit : logits) {
            double q = Math.exp(logit - max) / total;
            if (q > 0) {
                entropy -= q * Math.log(q) / Math.log(2);
            }
        }
        return entropy;
    }
}
