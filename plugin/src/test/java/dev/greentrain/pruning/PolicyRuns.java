package dev.greentrain.pruning;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Helpers for tests that drive a policy through epochs with made-up losses. */
public final class PolicyRuns {

    private PolicyRuns() {}

    /**
     * Records one loss per sample, sample i getting {@code losses[i]}.
     *
     * @param policy the policy
     * @param losses the losses
     */
    public static void recordAll(PruningPolicy policy, float... losses) {
        long[] indices = new long[losses.length];
        Arrays.setAll(indices, i -> i);
        policy.recordLosses(indices, losses);
    }

    /**
     * Returns a plan's order.
     *
     * @param plan the plan
     * @return its dataset indices in training order
     */
    public static int[] order(EpochPlan plan) {
        int[] order = new int[plan.size()];
        Arrays.setAll(order, plan::indexAt);
        return order;
    }

    /**
     * Returns a plan's samples as a sorted set.
     *
     * @param plan the plan
     * @return its dataset indices
     */
    public static TreeSet<Integer> samples(EpochPlan plan) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int index : order(plan)) {
            set.add(index);
        }
        return set;
    }

    /**
     * Plans, "trains" (records a random loss for every planned sample) and completes one epoch.
     *
     * @param policy the policy
     * @param random the source of the losses
     * @return the epoch's plan
     */
    public static EpochPlan trainEpoch(PruningPolicy policy, SplittableRandom random) {
        EpochPlan plan = policy.nextEpoch();
        int[] order = order(plan);
        long[] indices = new long[order.length];
        float[] losses = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            indices[i] = order[i];
            losses[i] = (float) -Math.log(1 - random.nextDouble());
        }
        policy.recordLosses(indices, losses);
        policy.completeEpoch(plan.getStats().withTraining(plan.size(), 0, 0));
        return plan;
    }

    /**
     * Trains a whole run and returns its sample visits.
     *
     * @param policy the policy
     * @param epochs the run's epochs
     * @param seed the seed of the losses
     * @return the samples planned over every epoch
     */
    public static long visitsOfRun(PruningPolicy policy, int epochs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long visits = 0;
        for (int e = 0; e < epochs; e++) {
            visits += trainEpoch(policy, random).size();
        }
        return visits;
    }
}
