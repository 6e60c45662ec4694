package dev.greentrain.compare;

import dev.greentrain.dream.Embedder;
import dev.greentrain.reduction.FeatureScaling;
import java.util.Locale;
import java.util.Map;

/**
 * What the static reduction arms select from and measure epsilon on ({@code --reduction-features}):
 * the raw inputs, or the embedding of the arm's own network at its initial weights, every row
 * scaled to unit Euclidean norm; with the PHL radius and PRD kernel width that fit each.
 */
public enum SelectionFeatures {

    /** The raw inputs, unscaled; PHL radius 0.25 and PRD sigma 2, the authors' image settings. */
    RAW(0.25, 2),

    /**
     * The arm's network at the seed's initial weights (the weights every arm of the seed starts
     * from, before any update), every layer but the classifier, in inference mode: one forward pass
     * per training sample, counted as the method's passes; every row scaled to unit norm, PHL
     * radius 0.25 and PRD sigma 0.25 (see docs/algorithms.md).
     */
    EMBEDDING(0.25, 0.25);

    /** The command-line option that sets it. */
    public static final String OPTION = "--reduction-features";

    private final double radius;
    private final double sigma;

    SelectionFeatures(double radius, double sigma) {
        this.radius = radius;
        this.sigma = sigma;
    }

    /**
     * Returns the embedder of an arm.
     *
     * @param context the arm, whose freshly initialised model embeds
     * @return the raw-input embedder, or the model's feature extractor
     */
    public Embedder embedder(ArmContext context) {
        return this == RAW ? Embedder.rawInput() : Embedder.features(context.model().getBlock());
    }

    /**
     * Returns how the features are scaled before selecting.
     *
     * @return none for raw inputs, unit norm for embeddings
     */
    public FeatureScaling scaling() {
        return this == RAW ? FeatureScaling.NONE : FeatureScaling.UNIT_NORM;
    }

    /**
     * Returns the PHL neighbourhood radius on these features.
     *
     * @return the Euclidean radius
     */
    public double phlRadius() {
        return radius;
    }

    /**
     * Returns the PRD Gaussian kernel width on these features.
     *
     * @return sigma
     */
    public double prdSigma() {
        return sigma;
    }

    /**
     * Returns the setting as a saved run's parameter: none for raw inputs, so that runs saved
     * before the option existed stay valid.
     *
     * @return {@code --reduction-features=embedding}, or nothing
     */
    public Map<String, String> parameters() {
        return this == RAW ? Map.of() : Map.of(OPTION, toString());
    }

    /**
     * Returns what the arm selects from, for the report.
     *
     * @return e.g. {@code the raw inputs}
     */
    public String describe() {
        return this == RAW
                ? "the raw inputs"
                : "the unit-norm embedding of the network at its initial weights (every layer but"
                        + " the classifier; one forward pass per sample, counted as the method's)";
    }

    /**
     * Returns the name the command line takes.
     *
     * @return {@code raw} or {@code embedding}
     */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
