package dev.greentrain.reduction;

import dev.greentrain.pruning.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * PHL, persistent-homology landmarks (Stolz et al., "representative" landmarks, the authors'
 * "restrictedDim" scoring). Per class: a sample's neighbourhood is every other sample of the class
 * within Euclidean distance {@code radius} (inclusive); with fewer than 2 neighbours the sample is
 * a "super outlier"; otherwise its outlier score is the largest finite persistence, in homology
 * dimension {@code dimension}, of the Vietoris-Rips filtration of its neighbourhood (the sample
 * itself excluded, as in their code), 0 without a finite bar. The samples are ranked by ascending
 * score (ties: the lowest index), the super outliers after them in a seeded random order, and the
 * first {@code floor(p * n_c)} are kept.
 *
 * <p>Their settings: images radius 0.25 and dimension 1; tabular data radius 0.05 and dimension 2.
 * Dimensions 0 and 1 are supported here. A neighbourhood larger than {@code maxNeighbours} is cut
 * to its nearest ones (ties: the lower index); their code has no cap. Cost per class of n samples:
 * O(n^2 d) for the distances plus, per sample, O(k^2 d) for its k-point neighbourhood's distances
 * and the {@link RipsPersistence} of it (milliseconds for k = 100).
 */
public final class PersistenceLandmarks implements SelectionMethod {

    private final double radius;
    private final int dimension;
    private final int maxNeighbours;

    private PersistenceLandmarks(Builder builder) {
        this.radius = builder.radius;
        this.dimension = builder.dimension;
        this.maxNeighbours = builder.maxNeighbours;
    }

    /**
     * Creates a builder with the authors' image settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "PHL";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        ClassMembers classes = features.classes();
        int[] kept = classes.keptPerClass(fraction, name());
        SplitMix64 random = new SplitMix64(seed);
        int[] out = new int[Arrays.stream(kept).sum()];
        int next = 0;
        for (int c = 0; c < classes.count(); c++) {
            int[] members = classes.members(c);
            double[] scores = scores(features, members);
            List<Integer> scored = new ArrayList<>();
            List<Integer> outliers = new ArrayList<>();
            for (int i = 0; i < members.length; i++) {
                (Double.isNaN(scores[i]) ? outliers : scored).add(i);
            }
            scored.sort(Comparator.comparingDouble(i -> scores[i]));
            int[] shuffled = outliers.stream().mapToInt(Integer::intValue).toArray();
            random.shuffle(shuffled, shuffled.length);
            for (int i : shuffled) {
                scored.add(i);
            }
            for (int k = 0; k < kept[c]; k++) {
                out[next++] = members[scored.get(k)];
            }
        }
        return Selection.ofIndices(out, features);
    }

    /**
     * Returns every member's outlier score, NaN for a super outlier.
     *
     * @param features the features
     * @param members the class's samples
     * @return the scores, by member position
     */
    double[] scores(LabelledFeatures features, int[] members) {
        int dim = features.dim();
        int n = members.length;
        float[] rows = RowDistance.gather(features, members);
        ClassRows columns = new ClassRows(features, members);
        double[] scores = new double[n];
        double[] distance = new double[n];
        int[] near = new int[n];
        int[] scratch = new int[n];
        int cap = Math.min(maxNeighbours, n);
        double[] cloud = new double[cap * cap];
        RipsPersistence rips = new RipsPersistence(Math.max(cap, 2));
        for (int i = 0; i < n; i++) {
            int count = 0;
            columns.squaredDistances(i, 0, distance);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    distance[j] = Math.sqrt(distance[j]);
                    if (distance[j] <= radius) {
                        near[count++] = j;
                    }
                }
            }
            if (count < 2) {
                scores[i] = Double.NaN;
                continue;
            }
            IndexSort.stableByKey(near, scratch, count, distance);
            int size = Math.min(count, maxNeighbours);
            for (int a = 0; a < size; a++) {
                for (int b = a + 1; b < size; b++) {
                    cloud[a * size + b] =
                            Math.sqrt(
                                    RowDistance.squared(
                                            rows, near[a] * dim, rows, near[b] * dim, dim));
                }
            }
            rips.compute(cloud, size, dimension);
            scores[i] = rips.maxPersistence(dimension);
        }
        return scores;
    }

    /** The builder: radius, homology dimension and neighbourhood cap. */
    public static final class Builder {

        private double radius = 0.25;
        private int dimension = 1;
        private int maxNeighbours = 100;

        private Builder() {}

        /**
         * Sets the neighbourhood radius.
         *
         * @param radius positive and finite; default 0.25 (the authors' image setting)
         * @return this builder
         */
        public Builder optRadius(double radius) {
            this.radius = radius;
            return this;
        }

        /**
         * Sets the homology dimension scored.
         *
         * @param dimension 0 or 1; default 1
         * @return this builder
         */
        public Builder optDimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /**
         * Sets the most neighbours a Rips complex is built on.
         *
         * @param maxNeighbours at least 2; default 100
         * @return this builder
         */
        public Builder optMaxNeighbours(int maxNeighbours) {
            this.maxNeighbours = maxNeighbours;
            return this;
        }

        /**
         * Builds the method.
         *
         * @return the method
         * @throws IllegalArgumentException naming the bad setting, the range and the fix
         */
        public PersistenceLandmarks build() {
            if (!(radius > 0 && Double.isFinite(radius))) {
                throw new IllegalArgumentException(
                        "PHL radius = "
                                + radius
                                + " is invalid: a neighbourhood radius must be positive and"
                                + " finite, e.g. 0.25 for inputs scaled to [0, 1].");
            }
            if (dimension != 0 && dimension != 1) {
                throw new IllegalArgumentException(
                        "PHL homology dimension = "
                                + dimension
                                + " is not supported: use 0 or 1 (the authors' image setting is"
                                + " 1).");
            }
            if (maxNeighbours < 2) {
                throw new IllegalArgumentException(
                        "PHL maxNeighbours = "
                                + maxNeighbours
                                + " is invalid: a Rips complex needs at least 2 neighbours; use"
                                + " e.g. 100.");
            }
            return new PersistenceLandmarks(this);
        }
    }
}
