package dev.greentrain.samples.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Optional;

/**
 * One way of choosing the training data of a comparison run; a new variant is one class
 * implementing this interface, registered in {@link Variants}.
 */
public interface Variant {

    /**
     * Returns the variant's name, as given to {@code --variants} and used as the metrics' {@code
     * variant} tag.
     *
     * @return a lower-case name such as {@code infobatch}
     */
    String name();

    /**
     * Returns the name people read in the report, e.g. {@code InfoBatch}.
     *
     * @return the display name
     */
    String label();

    /**
     * Returns one sentence saying what the variant trains on, for the report.
     *
     * @return the description
     */
    String description();

    /**
     * Returns the variants whose run of the same seed this one needs first (for example random
     * pruning copies InfoBatch's per-epoch sample counts).
     *
     * @return the names of the prerequisite variants, empty by default
     */
    default List<String> prerequisites() {
        return List.of();
    }

    /**
     * A comparison at the same budget that the report makes when both variants ran.
     *
     * @param challenger the variant whose accuracy difference is reported
     * @param reference the variant it is compared with
     */
    record PeerPair(String challenger, String reference) {}

    /**
     * Returns the same-budget comparisons this variant calls for (e.g. InfoBatch against random
     * pruning at its counts).
     *
     * @return the pairs, none by default
     */
    default List<PeerPair> peerComparisons() {
        return List.of();
    }

    /**
     * Returns whether the variant depends on the budget and clustering settings, so that a saved
     * run of it is only reused when they are equal.
     *
     * @return {@code false} by default
     */
    default boolean usesBudget() {
        return false;
    }

    /**
     * Returns whether the variant clusters each class with k-means, so that {@code --clusters} must
     * not exceed the smallest class.
     *
     * @return {@code false} by default
     */
    default boolean usesClustering() {
        return false;
    }

    /**
     * Creates the pruning policy of one run, or none to train on the full data with plain DJL.
     *
     * @param context the run's dataset size, epochs, settings and earlier runs of the same seed
     * @return the policy, or empty for plain full-data training
     */
    Optional<PruningPolicy> policy(VariantContext context);
}
