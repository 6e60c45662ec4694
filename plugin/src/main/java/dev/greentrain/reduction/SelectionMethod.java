package dev.greentrain.reduction;

/**
 * A static data reduction rule: from features, labels, a fraction p and a seed, the reduced set
 * (selected indices, or synthetic points for CLC). Every method refuses bad input before it works.
 */
public interface SelectionMethod {

    /**
     * Returns the method's short name, e.g. {@code SRS}.
     *
     * @return the name
     */
    String name();

    /**
     * Reduces a labelled feature set.
     *
     * @param features the features and labels (finite, checked by {@link LabelledFeatures})
     * @param fraction the fraction p in (0, 1]
     * @param seed the seed of every random choice
     * @return the reduced set
     * @throws IllegalArgumentException if p is outside (0, 1] or a class would keep no sample
     */
    Selection select(LabelledFeatures features, double fraction, long seed);
}
