package dev.greentrain.infobatch;

import dev.greentrain.pruning.SplitMix64;

/**
 * How InfoBatch turns the kept share {@code t = (1 - r) * m} of the {@code m} well-learned samples
 * into a whole number of kept samples; every kept sample gets weight {@code 1 / (1 - r) = m / t}.
 */
public enum KeptCount {

    /**
     * Stochastic rounding, the default: keep {@code floor(t) + 1} with probability {@code t -
     * floor(t)}, else {@code floor(t)}, so the expected kept count is exactly {@code t} and each
     * well-learned sample's expected weight {@code P(kept) * m / t} is exactly 1.
     */
    STOCHASTIC {
        @Override
        int count(int wellLearned, double pruneRatio, SplitMix64 random) {
            double share = (1.0 - pruneRatio) * wellLearned;
            int floor = REFERENCE.count(wellLearned, pruneRatio, random);
            double fraction = share - floor;
            // no draw when t is whole, so the generator's stream is the reference rule's then
            return fraction > TOLERANCE && random.nextDouble() < fraction ? floor + 1 : floor;
        }
    },

    /**
     * The authors' rule: keep {@code floor(t)} (a 1e-9 tolerance absorbs floating-point error),
     * which makes each well-learned sample's expected weight {@code floor(t) / t <= 1}, e.g. 0.9919
     * at {@code r = 0.9} for 615 well-learned samples.
     */
    REFERENCE {
        @Override
        int count(int wellLearned, double pruneRatio, SplitMix64 random) {
            return (int) Math.floor((1.0 - pruneRatio) * wellLearned + TOLERANCE);
        }
    };

    private static final double TOLERANCE = 1e-9;

    /**
     * Returns how many of the well-learned samples an epoch keeps.
     *
     * @param wellLearned m, the well-learned samples
     * @param pruneRatio r, the share of them to skip
     * @param random the pruner's generator, drawn from only by stochastic rounding
     * @return the kept count, in {@code [0, m]}
     */
    abstract int count(int wellLearned, double pruneRatio, SplitMix64 random);
}
