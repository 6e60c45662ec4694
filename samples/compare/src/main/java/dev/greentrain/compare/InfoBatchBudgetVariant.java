package dev.greentrain.compare;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * InfoBatch in budget mode: it chooses its prune ratio before every epoch so that the run spends
 * the fraction B of full-data sample visits; random-budget is its peer at the same B.
 */
public final class InfoBatchBudgetVariant implements Variant {

    private final double budget;
    private final double delta;
    private final KeptCount keptCount;
    private final Variant peer;

    /**
     * Creates the variant.
     *
     * @param budget B, the fraction of full-data sample visits, in (0, 1)
     * @param delta the annealing fraction, in (0, 1]
     * @param keptCount how the kept share is rounded
     * @param peer the variant it is compared with at the same budget (random-budget)
     */
    public InfoBatchBudgetVariant(double budget, double delta, KeptCount keptCount, Variant peer) {
        this.budget = budget;
        this.delta = delta;
        this.keptCount = keptCount;
        this.peer = peer;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "infobatch-budget";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "InfoBatch (budget)";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "InfoBatch choosing its prune ratio every epoch to spend "
                + Budgets.percent(budget)
                + " of the full-data sample visits (delta = "
                + delta
                + ").";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        return Map.of(
                "--budget",
                String.valueOf(budget),
                "--delta",
                String.valueOf(delta),
                "--kept-count",
                InfoBatchVariant.keptCountName(keptCount));
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

    /** {@inheritDoc} */
    @Override
    public void checkReachable(int trainSamples, int epochs) {
        try {
            builder(trainSamples, epochs).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--budget " + budget + " for " + name() + ": " + e.getMessage(), e);
        }
    }

    private InfoBatch.Builder builder(int trainSamples, int epochs) {
        return InfoBatch.builder()
                .setDatasetSize(trainSamples)
                .setEpochs(epochs)
                .optBudget(budget)
                .optDelta(delta)
                .optKeptCount(keptCount);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.of(
                builder(context.datasetSize(), context.epochs()).optSeed(context.seed()).build());
    }
}
