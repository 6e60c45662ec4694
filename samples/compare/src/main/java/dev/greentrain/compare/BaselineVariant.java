package dev.greentrain.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Full-data training with plain DJL ({@code EasyTrain.fit}): the reference every arm is judged
 * against. A second instance under another name is the other half of an A/A test.
 */
public final class BaselineVariant implements Variant {

    /** The name of the reference arm. */
    public static final String NAME = "baseline";

    private final String name;

    /** Creates the baseline. */
    public BaselineVariant() {
        this(NAME);
    }

    /**
     * Creates a full-data arm under another name, e.g. {@code baseline-copy} for an A/A test.
     *
     * @param name the arm's name
     */
    public BaselineVariant(String name) {
        this.name = name;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return name.equals(NAME) ? "Baseline" : "Baseline (" + name + ")";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return name.equals(NAME)
                ? "Full data every epoch, trained with plain DJL."
                : "Full data every epoch, trained with plain DJL: an identical copy of the"
                        + " baseline, for an A/A test.";
    }

    /** {@inheritDoc} */
    @Override
    public OptionalDouble budget() {
        return OptionalDouble.of(1);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.empty();
    }
}
