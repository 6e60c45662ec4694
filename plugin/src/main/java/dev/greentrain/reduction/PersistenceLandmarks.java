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
 * to its nearest ones (the Rips complex grows as n^3); their code has no cap.
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
        double[] scores = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            List<double[]> near = new ArrayList<>();
            for (int j = 0; j < members.length; j++) {
                if (j != i) {
                    double d = features.distance(members[i], members[j]);
                    if (d <= radius) {
                        near.add(new double[] {d, members[j]});
                    }
                }
            }
            if (near.size() < 2) {
                scores[i] = Double.NaN;
                continue;
            }
            near.sort(Comparator.comparingDouble((double[] a) -> a[0]));
            int size = Math.min(near.size(), maxNeighbours);
            double[] cloud = new double[size * dim];
            for (int k = 0; k < size; k++) {
                int sample = (int) near.get(k)[1];
                for (int f = 0; f < dim; f++) {
                    cloud[k * dim + f] = features.data()[sample * dim + f];
                }
            }
            scores[i] =
                    RipsPersistence.maxPersistence(
                            RipsPersistence.bars(cloud, size, dim, dimension).get(dimension));
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
