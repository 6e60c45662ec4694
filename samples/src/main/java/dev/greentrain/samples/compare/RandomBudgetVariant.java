package dev.greentrain.samples.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.Arrays;
import java.util.Optional;

/**
 * A fresh uniform random subset of the comparison's budget fraction every epoch, no rescaling: the
 * peer of the DREAM samplers at the same budget.
 */
public final class RandomBudgetVariant implements Variant {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "random-budget";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "Random subset (budget)";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "A fresh uniform random subset of the budget fraction every epoch; no rescaling.";
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesBudget() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(VariantContext context) {
        int perEpoch =
                (int) Math.max(1, Math.round(context.shared().budget() * context.datasetSize()));
        int[] counts = new int[context.epochs()];
        Arrays.fill(counts, perEpoch);
        return Optional.of(context.randomSubsets(counts));
    }
}
