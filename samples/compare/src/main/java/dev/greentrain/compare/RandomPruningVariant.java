package dev.greentrain.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Uniform random dynamic pruning with exactly the per-epoch sample counts of the InfoBatch arm of
 * the same seed, and no loss rescaling: InfoBatch's fair peer at the same budget.
 */
public final class RandomPruningVariant implements Variant {

    private final InfoBatchVariant leader;

    /**
     * Creates random pruning that follows an InfoBatch arm.
     *
     * @param leader the InfoBatch variant whose counts it takes
     */
    public RandomPruningVariant(InfoBatchVariant leader) {
        this.leader = leader;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "random";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "Random pruning";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "A fresh uniform random subset every epoch, with InfoBatch's per-epoch sample"
                + " counts of the same seed; no rescaling.";
    }

    /** {@inheritDoc} */
    @Override
    public List<Variant> prerequisites() {
        return List.of(leader);
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair(leader, this));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.of(
                context.randomSubsets(
                        context.samplesPerEpochOf(leader), context.forecastSamplesOf(leader)));
    }
}
