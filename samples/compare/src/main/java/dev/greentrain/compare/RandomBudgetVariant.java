package dev.greentrain.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A fresh uniform random subset of {@code round(B N)} samples every epoch (the budget samplers'
 * counts, so the run spends B within {@code 0.5 / N}): the peer of the budget variants.
 */
public final class RandomBudgetVariant implements Variant {

    private final double budget;

    /**
     * Creates the sampler.
     *
     * @param budget the fraction of the data trained per epoch, in (0, 1]
     */
    public RandomBudgetVariant(double budget) {
        this.budget = Budgets.check(budget);
    }

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
        return "A fresh uniform random subset of "
                + Budgets.percent(budget)
                + " of the data every epoch; no rescaling.";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        return Map.of("--budget", String.valueOf(budget));
    }

    /** {@inheritDoc} */
    @Override
    public OptionalDouble budget() {
        return OptionalDouble.of(budget);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        int perEpoch = Budgets.samplesPerEpoch(budget, context.datasetSize());
        return Optional.of(context.randomSubsets(epoch -> perEpoch, epoch -> perEpoch));
    }
}
