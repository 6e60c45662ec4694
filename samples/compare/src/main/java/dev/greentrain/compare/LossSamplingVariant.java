package dev.greentrain.compare;

import dev.greentrain.losssampling.LossProportionalSampling;
import dev.greentrain.pruning.PruningPolicy;
import java.util.Optional;

/**
 * Loss-proportional sampling at a budget: every epoch trains the budget's share of the data, each
 * sample drawn with a probability that grows with its stale loss plus the mean loss.
 */
public final class LossSamplingVariant extends BudgetPolicyVariant {

    /**
     * Creates the variant.
     *
     * @param budget the fraction of full-data sample visits the run trains, in (0, 1)
     * @param peer the random subset of the same budget it is compared with
     */
    public LossSamplingVariant(double budget, RandomBudgetVariant peer) {
        super(budget, peer);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "loss-sampling";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "Loss-proportional sampling";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Trains "
                + Budgets.percent(fraction())
                + " of the data every epoch, each sample drawn with probability proportional to"
                + " its stale loss plus the mean loss; no rescaling, no annealing.";
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return policyAtBudget(
                () ->
                        LossProportionalSampling.builder()
                                .setDatasetSize(context.datasetSize())
                                .setEpochs(context.epochs())
                                .optBudget(fraction())
                                .optSeed(context.seed())
                                .build());
    }
}
