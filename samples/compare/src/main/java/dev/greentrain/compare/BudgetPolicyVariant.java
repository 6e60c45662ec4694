package dev.greentrain.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * A variant whose policy meets a budget of full-data sample visits over the whole run (SeTa,
 * OrderDP in budget mode); its peer is a random subset of the same budget.
 */
abstract class BudgetPolicyVariant implements Variant {

    private final double budget;
    private final RandomBudgetVariant peer;

    /**
     * Creates the shared part.
     *
     * @param budget the fraction of full-data sample visits the run trains, in (0, 1]
     * @param peer the random subset of the same budget it is compared with
     */
    BudgetPolicyVariant(double budget, RandomBudgetVariant peer) {
        this.budget = Budgets.check(budget);
        this.peer = peer;
    }

    /**
     * Returns the budget.
     *
     * @return the fraction of full-data sample visits
     */
    double fraction() {
        return budget;
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
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(this, peer));
    }

    /**
     * Builds the arm's policy, naming the variant and the flag when its rules cannot meet the
     * budget (before the arm trains).
     *
     * @param build builds the policy for the arm
     * @return the policy
     * @throws IllegalArgumentException if the budget is out of the policy's reach
     */
    Optional<PruningPolicy> policyAtBudget(Supplier<PruningPolicy> build) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--budget " + budget + " does not suit " + name() + ": " + e.getMessage(), e);
        }
    }
}
