package dev.greentrain.samples.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Uniform random dynamic pruning with exactly the per-epoch sample counts of the InfoBatch run of
 * the same seed, and no loss rescaling: InfoBatch's fair peer at the same budget.
 */
public final class RandomPruningVariant implements Variant {

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
    public List<String> prerequisites() {
        return List.of("infobatch");
    }

    /** {@inheritDoc} */
    @Override
    public List<PeerPair> peerComparisons() {
        return List.of(new PeerPair("infobatch", name()));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(VariantContext context) {
        int[] counts =
                context.requireRun("infobatch").epochs().stream()
                        .mapToInt(point -> Math.toIntExact(point.samples()))
                        .toArray();
        return Optional.of(context.randomSubsets(counts));
    }
}
