package dev.greentrain.compare;

import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.reduction.ForgettingEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FES, forgetting events (Toscano-Duran et al.): the first third of the epochs (at least one) train
 * on all data while a prediction pass after each counts every sample's correct-to-wrong flips
 * (method passes); then per class the most forgotten fraction p trains the remaining epochs.
 */
public final class ForgettingEventsVariant implements Variant {

    private final double fraction;
    private final RandomBudgetVariant peer;

    /**
     * Creates the variant.
     *
     * @param fraction the kept fraction p, in (0, 1]
     * @param peer the random subset it is compared with
     */
    public ForgettingEventsVariant(double fraction, RandomBudgetVariant peer) {
        this.fraction = Budgets.check(fraction);
        this.peer = peer;
    }

    /**
     * Returns the scoring epochs of a run: a third of its epochs, rounded, at least 1 (the authors:
     * 50 of 150).
     *
     * @param epochs the run's epochs
     * @return the full-data epochs that score forgetting
     */
    static int scoringEpochs(int epochs) {
        return Math.max(1, (int) Math.round(epochs / 3.0));
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "fes";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "FES (forgetting events)";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "All data for the first third of the epochs while forgetting events are counted,"
                + " then per class the most forgotten "
                + Budgets.percent(fraction)
                + "; the prediction passes counted as the method's own.";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        return Map.of("--budget", String.valueOf(fraction));
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(this, peer));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.of(
                ForgettingEvents.builder()
                        .setDataset(context.train())
                        .setModel(context.model().getBlock())
                        .optScoringEpochs(scoringEpochs(context.epochs()))
                        .optFraction(fraction)
                        .optSeed(context.seed())
                        .build());
    }
}
