package dev.greentrain.reduction;

import ai.djl.training.dataset.RandomAccessDataset;
import java.util.Objects;

/**
 * The settings every reduction policy's builder shares: the training set, the kept fraction and the
 * seed, in DJL's builder style.
 *
 * @param <B> the concrete builder
 */
public abstract class PolicyBuilder<B extends PolicyBuilder<B>> {

    /** The full training set. */
    protected RandomAccessDataset dataset;

    /** The kept fraction p. */
    protected double fraction = 0.5;

    /** The seed of the selection and the epochs' order. */
    protected long seed;

    /** Creates a builder with p = 0.5 and seed 0. */
    protected PolicyBuilder() {}

    /**
     * Returns this builder as its own type.
     *
     * @return this
     */
    protected abstract B self();

    /**
     * Sets the training set.
     *
     * @param dataset the full training set
     * @return this builder
     */
    public B setDataset(RandomAccessDataset dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        return self();
    }

    /**
     * Sets the kept fraction.
     *
     * @param fraction p in (0, 1]; default 0.5
     * @return this builder
     */
    public B optFraction(double fraction) {
        this.fraction = fraction;
        return self();
    }

    /**
     * Sets the seed of the selection and of the epochs' order.
     *
     * @param seed the seed; default 0
     * @return this builder
     */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Checks the shared settings before a policy is built.
     *
     * @param required what else the policy needs, for the message, e.g. {@code setMethod(method)}
     * @param present whether that is set
     * @throws IllegalArgumentException if something is missing or p is outside (0, 1]
     */
    protected void checkShared(String required, boolean present) {
        if (dataset == null || !present) {
            throw new IllegalArgumentException(
                    "This policy needs setDataset(dataset) and " + required + ".");
        }
        Fraction.check(fraction);
    }
}
