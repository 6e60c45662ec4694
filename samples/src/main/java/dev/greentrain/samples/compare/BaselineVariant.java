package dev.greentrain.samples.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.Optional;

/** Full data every epoch with plain DJL training ({@code EasyTrain.fit}): the reference. */
public final class BaselineVariant implements Variant {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "baseline";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "Baseline (full data)";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Full data every epoch, plain DJL training (EasyTrain.fit).";
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(VariantContext context) {
        return Optional.empty();
    }
}
