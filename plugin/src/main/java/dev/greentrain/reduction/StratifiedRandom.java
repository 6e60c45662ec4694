package dev.greentrain.reduction;

import dev.greentrain.pruning.SplitMix64;

/**
 * SRS, stratified random sampling: per class, a uniform random {@code floor(p * n_c)} of its
 * samples (a seeded Fisher-Yates shuffle of the class, its first ones kept).
 */
public final class StratifiedRandom implements SelectionMethod {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "SRS";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        ClassMembers classes = features.classes();
        int[] kept = classes.keptPerClass(fraction, name());
        return Selection.ofIndices(sample(classes, kept, new SplitMix64(seed)), features);
    }

    /**
     * Draws a stratified random subset with given per-class counts.
     *
     * @param classes the class members
     * @param kept the count per class position
     * @param random the generator
     * @return the drawn indices
     */
    static int[] sample(ClassMembers classes, int[] kept, SplitMix64 random) {
        int total = 0;
        for (int k : kept) {
            total += k;
        }
        int[] out = new int[total];
        int next = 0;
        for (int c = 0; c < classes.count(); c++) {
            int[] members = classes.members(c).clone();
            random.shuffle(members, members.length);
            System.arraycopy(members, 0, out, next, kept[c]);
            next += kept[c];
        }
        return out;
    }
}
