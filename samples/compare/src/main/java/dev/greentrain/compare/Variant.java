package dev.greentrain.compare;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.pruning.PruningPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One way of choosing the training data, applied to a {@link Workload} as one arm of a comparison;
 * a new variant is one class implementing this interface (and, for the command line, one line in
 * {@link Variants}).
 */
public interface Variant {

    /**
     * Returns the variant's name, used in file names, run ids and the metrics' {@code variant} tag.
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
     * Returns the settings that change this variant's results, by the flag that sets them; a saved
     * run is only reused when they are equal.
     *
     * @return e.g. {@code --prune-ratio=0.5}; none by default
     */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /**
     * Returns the budget the variant declares: the fraction of full-data training sample visits
     * over the whole run, its own passes (embedding, scoring) not included.
     *
     * @return the fraction, or empty when it depends on the data (e.g. InfoBatch's)
     */
    default OptionalDouble budget() {
        return OptionalDouble.empty();
    }

    /**
     * Returns the variants whose arm of the same seed this one follows (random pruning takes
     * InfoBatch's per-epoch counts); they train before it in every epoch.
     *
     * @return the prerequisites, none by default
     */
    default List<Variant> prerequisites() {
        return List.of();
    }

    /**
     * A comparison at the same budget that the report makes when both variants ran.
     *
     * @param challenger the variant whose difference is reported
     * @param reference the variant it is compared with
     */
    record PeerPair(Variant challenger, Variant reference) {}

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
     * Returns whether the variant clusters each class with k-means, so that the clusters per class
     * must not exceed the smallest class.
     *
     * @return {@code false} by default
     */
    default boolean usesClustering() {
        return false;
    }

    /**
     * Refuses settings this variant cannot meet on a training set of this size in this many epochs
     * (e.g. a budget its rules cannot reach); called before any run trains.
     *
     * @param trainSamples the training set's size
     * @param epochs the epochs every arm trains
     * @throws IllegalArgumentException naming the setting, what is reachable and the fix
     */
    default void checkReachable(int trainSamples, int epochs) {}

    /**
     * Refuses a training set this variant cannot work on (e.g. a class too small for one selected
     * point at its fraction); called for every seed's training set before any run trains.
     *
     * @param train the training set of a seed
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalArgumentException naming the setting, what the data allows and the fix
     */
    default void checkTrainingSet(RandomAccessDataset train)
            throws IOException, TranslateException {}

    /**
     * Returns what the variant measured of its own method once the arm trained, saved with the run
     * (e.g. a static reduction's epsilon-representativeness).
     *
     * @param policy the arm's policy, as {@link #policy} created it
     * @return the measures by name; none by default
     */
    default Map<String, Double> measures(PruningPolicy policy) {
        return Map.of();
    }

    /**
     * Creates the pruning policy of one arm, or none to train on the full data with plain DJL.
     *
     * @param context the arm's data, epochs, seed, model and the arms it follows
     * @return the policy, or empty for plain full-data training
     */
    Optional<PruningPolicy> policy(ArmContext context);
}
