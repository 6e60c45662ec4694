package dev.greentrain.compare;

import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.seta.SeTa;
import java.util.Optional;

/**
 * SeTa at a budget: the authors' CIFAR settings (5 groups, window scale 0.9, delta 0.875, partial
 * annealing) with the random drop chosen so that the run trains the budget's visits.
 */
public final class SeTaVariant extends BudgetPolicyVariant {

    /**
     * Creates the variant.
     *
     * @param budget the fraction of full-data sample visits the run trains, in (0, 1)
     * @param peer the random subset of the same budget it is compared with
     */
    public SeTaVariant(double budget, RandomBudgetVariant peer) {
        super(budget, peer);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "seta";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "SeTa";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Drops a random part, groups the rest easy-to-hard by loss and trains a sliding"
                + " window of 4 of 5 groups, annealing at the end; "
                + Budgets.percent(fraction())
                + " of the full-data visits over the run.";
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return policyAtBudget(
                () ->
                        SeTa.builder()
                                .setDatasetSize(context.datasetSize())
                                .setEpochs(context.epochs())
                                .optBudget(fraction())
                                .optSeed(context.seed())
                                .build());
    }
}
