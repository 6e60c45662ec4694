package dev.greentrain.pruning;

/**
 * What the builders of {@link ScoredPolicy} policies share: the dataset, the run's epochs, the seed
 * and an optional budget, each checked with a message naming the value, its range and the fix.
 *
 * @param <B> the concrete builder
 */
public abstract class ScoredPolicyBuilder<B extends ScoredPolicyBuilder<B>> {

    private final String policy;
    private int datasetSize = -1;
    private int epochs = -1;
    private long seed = 42L;
    private double budget = Double.NaN;
    private boolean budgetSet;

    /**
     * Creates the shared part of a builder.
     *
     * @param policy the policy's class name, for messages
     */
    protected ScoredPolicyBuilder(String policy) {
        this.policy = policy;
    }

    /**
     * Returns this builder as its concrete type.
     *
     * @return this builder
     */
    protected abstract B self();

    /**
     * Builds the policy, checking every setting.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the bad setting, its range and how to fix it
     */
    public abstract ScoredPolicy build();

    /**
     * Sets the number of samples in the training dataset, N.
     *
     * @param datasetSize the dataset size, at least 1
     * @return this builder
     */
    public B setDatasetSize(int datasetSize) {
        this.datasetSize = datasetSize;
        return self();
    }

    /**
     * Sets the total number of epochs of the run, E.
     *
     * @param epochs the epoch count, at least 1
     * @return this builder
     */
    public B setEpochs(int epochs) {
        this.epochs = epochs;
        return self();
    }

    /**
     * Sets the seed of the policy's own random generator.
     *
     * @param seed the seed; default 42
     * @return this builder
     */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Sets a budget B: the run trains B * N * E sample visits within half a percentage point (the
     * first and the annealing epochs included), or {@code build()} refuses B naming the range the
     * policy's rules can reach.
     *
     * @param budget B in (0, 1)
     * @return this builder
     */
    public B optBudget(double budget) {
        this.budget = budget;
        this.budgetSet = true;
        return self();
    }

    /**
     * Returns the dataset size.
     *
     * @return N, checked by {@link #checkRun()}
     */
    protected int datasetSize() {
        return datasetSize;
    }

    /**
     * Returns the run's epochs.
     *
     * @return E, checked by {@link #checkRun()}
     */
    protected int epochs() {
        return epochs;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    protected long seed() {
        return seed;
    }

    /**
     * Returns whether a budget was set.
     *
     * @return whether {@link #optBudget(double)} was called
     */
    protected boolean hasBudget() {
        return budgetSet;
    }

    /**
     * Returns the budget, {@code NaN} when none was set.
     *
     * @return B
     */
    protected double budget() {
        return budget;
    }

    /**
     * Checks the dataset size and the epochs.
     *
     * @throws IllegalArgumentException naming the bad setting, its range and the fix
     */
    protected void checkRun() {
        if (datasetSize < 1) {
            throw new IllegalArgumentException(
                    "Dataset size "
                            + datasetSize
                            + " is invalid: "
                            + policy
                            + " needs at least one sample; call setDatasetSize(n) with the"
                            + " training set's size.");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException(
                    "Epochs = "
                            + epochs
                            + " is invalid: it must be at least 1; call setEpochs(n) with the"
                            + " number of epochs the run trains.");
        }
    }

    /**
     * Returns {@code round(B * N)}, the samples every epoch trains when all epochs train alike.
     *
     * @return the rounded count, possibly 0
     */
    protected int roundedBudgetCount() {
        return (int) Math.round(budget * datasetSize());
    }

    /**
     * Tells whether training {@code count} samples every epoch spends the budget within half a
     * percentage point.
     *
     * @param count the samples per epoch
     * @return whether {@code |count / N - B| <= 0.005}
     */
    protected boolean meetsBudget(int count) {
        return Math.abs((double) count / datasetSize() - budget) <= 0.005;
    }

    /**
     * Checks that the budget lies in (0, 1); call only when one was set.
     *
     * @throws IllegalArgumentException naming the budget, the range and the fix
     */
    protected void checkBudgetRange() {
        if (!(budget > 0 && budget < 1)) {
            throw new IllegalArgumentException(
                    "Budget B = "
                            + budget
                            + " is out of range: it must be in (0, 1) (the fraction of the"
                            + " full-data sample visits the run trains), e.g. optBudget(0.5) to"
                            + " save half of them.");
        }
    }
}
