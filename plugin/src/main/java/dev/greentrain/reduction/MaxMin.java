package dev.greentrain.reduction;

import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;

/**
 * MMS, max-min (farthest point) sampling: per class, start at a seeded random sample, then add the
 * sample whose Euclidean distance to the nearest already chosen one is largest (ties: the lowest
 * index), until {@code floor(p * n_c)} are chosen.
 */
public final class MaxMin implements SelectionMethod {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "MMS";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        ClassMembers classes = features.classes();
        int[] kept = classes.keptPerClass(fraction, name());
        SplitMix64 random = new SplitMix64(seed);
        int total = Arrays.stream(kept).sum();
        int[] out = new int[total];
        int next = 0;
        for (int c = 0; c < classes.count(); c++) {
            int[] members = classes.members(c);
            int start = random.nextInt(members.length);
            for (int chosen : farthestPoints(features, members, kept[c], start)) {
                out[next++] = chosen;
            }
        }
        return Selection.ofIndices(out, features);
    }

    /**
     * Chooses farthest points among some samples.
     *
     * @param features the features
     * @param members the candidate samples, ascending
     * @param count how many to choose, 1 to members.length
     * @param start the position in {@code members} of the first point
     * @return the chosen samples in the order chosen
     */
    static int[] farthestPoints(LabelledFeatures features, int[] members, int count, int start) {
        int n = members.length;
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        boolean[] taken = new boolean[n];
        int[] chosen = new int[count];
        int current = start;
        for (int k = 0; k < count; k++) {
            chosen[k] = members[current];
            taken[current] = true;
            int best = -1;
            double bestDistance = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                nearest[i] = Math.min(nearest[i], features.distance(members[i], members[current]));
                if (nearest[i] > bestDistance) {
                    bestDistance = nearest[i];
                    best = i;
                }
            }
            current = best;
        }
        return chosen;
    }
}
