package dev.greentrain.dream;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScorelessPolicy;
import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;
import java.util.Objects;

/**
 * DREAM representative sampling at a training budget: each epoch trains {@code round(b * N)}
 * samples chosen cluster by cluster from a per-class k-means of the embeddings.
 *
 * <p>Every cluster (of every class) gets a quota proportional to its size, {@code T * size / N},
 * rounded by largest remainder (ties to the lower cluster number) so that the quotas sum to exactly
 * {@code T = max(1, round(b * N))}. The quota is filled with the members nearest the centroid
 * ({@link Selection#NEAREST}, DREAM's choice; the same samples while the clustering is reused) or
 * uniformly at random inside the cluster ({@link Selection#STRATIFIED}, fresh every epoch). The
 * epoch's index list is shuffled across classes, and every weight is 1 (no rescaling).
 *
 * <p>The clustering comes from a {@link ClusterSource}, normally a {@link Clustering} that embeds
 * the data through the model at epoch 0 (the randomly initialised network) and then every {@code
 * interval} epochs; its embedding forward passes are reported by {@link
 * #getSamplerForwardPasses()}.
 */
public final class DreamSampler extends ScorelessPolicy {

    /** The default budget: half of the data per epoch. */
    public static final double DEFAULT_BUDGET = 0.5;

    /** How a cluster's quota is filled. */
    public enum Selection {
        /** The members nearest the centroid (DREAM). */
        NEAREST,
        /** Members drawn uniformly at random inside the cluster, fresh each epoch. */
        STRATIFIED
    }

    private final ClusterSource clusters;
    private final double budget;
    private final Selection selection;
    private final int samplesPerEpoch;
    private final SplitMix64 random;

    private DreamSampler(Builder builder) {
        super(builder.clusters.getDatasetSize());
        this.clusters = builder.clusters;
        this.budget = builder.budget;
        this.selection = builder.selection;
        this.samplesPerEpoch = samplesPerEpoch(budget, getDatasetSize());
        this.random = new SplitMix64(builder.seed);
    }

    /**
     * Creates a builder; {@code setClusters} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static int samplesPerEpoch(double budget, int datasetSize) {
        return (int) Math.max(1, Math.min(datasetSize, Math.round(budget * datasetSize)));
    }

    /**
     * Returns the number of samples every epoch trains, {@code max(1, round(b * N))}.
     *
     * @return the samples per epoch
     */
    public int getSamplesPerEpoch() {
        return samplesPerEpoch;
    }

    /**
     * Returns the budget b.
     *
     * @return the fraction of the data trained per epoch
     */
    public double getBudget() {
        return budget;
    }

    /**
     * Returns how quotas are filled.
     *
     * @return the selection
     */
    public Selection getSelection() {
        return selection;
    }

    /**
     * Returns the embedding forward passes (in samples) the clustering has cost so far; the same as
     * {@link #getSamplerForwardPasses()}.
     *
     * @return the embedding forward passes
     */
    public long getEmbeddingForwardPasses() {
        return clusters.getForwardPasses();
    }

    /** {@inheritDoc} */
    @Override
    public long getSamplerForwardPasses() {
        return clusters.getForwardPasses();
    }

    /**
     * Splits a total over clusters in proportion to their sizes, by largest remainder.
     *
     * @param total the total to split, from 0 to the sum of sizes
     * @param sizes the cluster sizes
     * @return the quota of each cluster, summing to {@code total}, each at most its size
     */
    static int[] quotas(int total, int[] sizes) {
        long sum = 0;
        for (int size : sizes) {
            sum += size;
        }
        int[] quotas = new int[sizes.length];
        long[] remainders = new long[sizes.length];
        int assigned = 0;
        for (int c = 0; c < sizes.length; c++) {
            long share = (long) total * sizes[c];
            quotas[c] = (int) (share / sum);
            remainders[c] = share % sum;
            assigned += quotas[c];
        }
        Integer[] byRemainder = new Integer[sizes.length];
        for (int c = 0; c < sizes.length; c++) {
            byRemainder[c] = c;
        }
        java.util.Arrays.sort(
                byRemainder,
                (a, b) -> {
                    int cmp = Long.compare(remainders[b], remainders[a]);
                    return cmp != 0 ? cmp : Integer.compare(a, b);
                });
        for (int i = 0; assigned < total; i++) {
            quotas[byRemainder[i]]++;
            assigned++;
        }
        return quotas;
    }

    /** {@inheritDoc} Every remaining epoch trains the budget's {@code round(b * N)} samples. */
    @Override
    public synchronized int[] getPlannedSamples(int totalEpochs) {
        int[] counts = new int[Math.max(0, totalEpochs - plannedEpochs())];
        Arrays.fill(counts, samplesPerEpoch);
        return counts;
    }

    /** {@inheritDoc} */
    @Override
    public synchronized EpochPlan nextEpoch() {
        int epoch = plannedEpochs();
        ClusterAssignment assignment = clusters.assignmentFor(epoch);
        int[] sizes = new int[assignment.clusters()];
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = assignment.clusterSize(c);
        }
        int[] quotas = quotas(samplesPerEpoch, sizes);
        int[] order = new int[samplesPerEpoch];
        int length = 0;
        int[] scratch = new int[0];
        for (int c = 0; c < sizes.length; c++) {
            if (selection == Selection.NEAREST) {
                for (int r = 0; r < quotas[c]; r++) {
                    order[length++] = assignment.member(c, r);
                }
            } else {
                if (scratch.length < sizes[c]) {
                    scratch = new int[sizes[c]];
                }
                for (int r = 0; r < sizes[c]; r++) {
                    scratch[r] = assignment.member(c, r);
                }
                random.selectPrefix(scratch, sizes[c], quotas[c]);
                System.arraycopy(scratch, 0, order, length, quotas[c]);
                length += quotas[c];
            }
        }
        random.shuffle(order, length);
        return plan(order, length);
    }

    /** Builds a {@link DreamSampler}. */
    public static final class Builder {

        private ClusterSource clusters;
        private double budget = DEFAULT_BUDGET;
        private Selection selection = Selection.NEAREST;
        private long seed = 42;

        Builder() {}

        /**
         * Sets where the clustering comes from, normally a {@link Clustering} of the training set.
         *
         * @param clusters the cluster source
         * @return this builder
         */
        public Builder setClusters(ClusterSource clusters) {
            this.clusters = clusters;
            return this;
        }

        /**
         * Sets the budget b, the fraction of the data each epoch trains.
         *
         * @param budget b in (0, 1]; default 0.5
         * @return this builder
         */
        public Builder optBudget(double budget) {
            this.budget = budget;
            return this;
        }

        /**
         * Sets how each cluster's quota is filled.
         *
         * @param selection NEAREST (DREAM) or STRATIFIED; default NEAREST
         * @return this builder
         */
        public Builder optSelection(Selection selection) {
            this.selection = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * Sets the seed of the sampler's own generator (shuffling and stratified draws).
         *
         * @param seed the seed; default 42
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the sampler, checking the settings.
         *
         * @return the sampler
         * @throws IllegalArgumentException naming the bad setting and how to fix it
         */
        public DreamSampler build() {
            if (clusters == null) {
                throw new IllegalArgumentException(
                        "No clusters were given: call setClusters(Clustering.builder()"
                                + ".setDataset(train).setEmbedder(...).build()).");
            }
            if (!(budget > 0 && budget <= 1)) {
                throw new IllegalArgumentException(
                        "Budget b = "
                                + budget
                                + " is out of range: it must be in (0, 1] (the fraction of the"
                                + " data each epoch trains), e.g. optBudget(0.5).");
            }
            return new DreamSampler(this);
        }
    }
}
