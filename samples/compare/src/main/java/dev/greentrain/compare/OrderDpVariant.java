package dev.greentrain.compare;

import dev.greentrain.orderdp.OrderDP;
import dev.greentrain.pruning.PruningPolicy;
import java.util.Optional;

/**
 * OrderDP at a budget: a random 80% subset each epoch (the authors' CIFAR command), of which the
 * highest-loss samples that make the budget are trained.
 */
public final class OrderDpVariant extends BudgetPolicyVariant {

    /**
     * Creates the variant.
     *
     * @param budget the fraction of full-data sample visits the run trains, in (0, 0.8]
     * @param peer the random subset of the same budget it is compared with
     */
    public OrderDpVariant(double budget, RandomBudgetVariant peer) {
        super(budget, peer);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "orderdp";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "OrderDP";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Trains the highest-loss "
                + Budgets.percent(fraction())
                + " of the data out of a fresh random 80% every epoch; no rescaling, no"
                + " annealing.";
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return policyAtBudget(
                () ->
                        OrderDP.builder()
                                .setDatasetSize(context.datasetSize())
                                .setEpochs(context.epochs())
                                .optBudget(fraction())
                                .optSeed(context.seed())
                                .build());
    }
}
