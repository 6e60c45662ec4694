package dev.greentrain.pruning;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The epoch bookkeeping a pruning policy keeps: the statistics of every epoch planned so far, and
 * whether the newest one is still in progress, so that an epoch whose training failed can be
 * forgotten and planned again.
 *
 * <p>The number of entries is the index of the next epoch to plan. An epoch is in progress from
 * {@link #add(EpochStats)} until {@link #complete(EpochStats)}, the next {@link #add(EpochStats)}
 * or {@link #abort()}; only an epoch in progress can be aborted.
 */
public final class EpochLedger {

    private final List<EpochStats> stats = new CopyOnWriteArrayList<>();
    private boolean inProgress;

    /**
     * Returns the index of the next epoch to plan: the number of epochs planned and not aborted.
     *
     * @return the next epoch, counted from 0
     */
    public synchronized int nextEpoch() {
        return stats.size();
    }

    /**
     * Returns the forward passes a policy spent that no epoch in the ledger accounts for yet: the
     * method passes of the epoch about to be planned.
     *
     * @param totalSoFar the policy's own forward passes since it was built
     * @return {@code totalSoFar} minus the method passes of the epochs in the ledger, at least 0
     */
    public synchronized long unaccountedMethodPasses(long totalSoFar) {
        long accounted = 0;
        for (EpochStats epochStats : stats) {
            accounted += epochStats.methodPasses();
        }
        return Math.max(0, totalSoFar - accounted);
    }

    /**
     * Adds the statistics of a newly planned epoch, which is in progress until completed.
     *
     * @param epochStats the statistics of the epoch {@link #nextEpoch()}
     */
    public synchronized void add(EpochStats epochStats) {
        if (epochStats.epoch() != stats.size()) {
            throw new IllegalArgumentException(
                    "Statistics of epoch "
                            + epochStats.epoch()
                            + " cannot follow "
                            + stats.size()
                            + " planned epochs; plan epoch "
                            + stats.size()
                            + " next.");
        }
        stats.add(epochStats);
        inProgress = true;
    }

    /**
     * Replaces the statistics of the epoch in progress by its final ones and ends it.
     *
     * @param trained the statistics of the epoch as trained, with the same epoch number
     */
    public synchronized void complete(EpochStats trained) {
        int last = stats.size() - 1;
        if (!inProgress || stats.get(last).epoch() != trained.epoch()) {
            throw new IllegalStateException(
                    "Epoch "
                            + trained.epoch()
                            + " is not in progress (the epoch in progress is "
                            + (inProgress ? String.valueOf(last) : "none")
                            + "); complete the epoch the last nextEpoch() planned, once.");
        }
        stats.set(last, trained);
        inProgress = false;
    }

    /**
     * Forgets the epoch in progress, so that the next epoch planned has its number again; does
     * nothing when no epoch is in progress.
     *
     * @return whether an epoch was forgotten
     */
    public synchronized boolean abort() {
        if (!inProgress) {
            return false;
        }
        stats.remove(stats.size() - 1);
        inProgress = false;
        return true;
    }

    /**
     * Replaces every entry by restored statistics, with no epoch in progress.
     *
     * @param restored the statistics of the epochs already trained, oldest first
     */
    public synchronized void restore(List<EpochStats> restored) {
        stats.clear();
        stats.addAll(restored);
        inProgress = false;
    }

    /**
     * Returns a read-only live view of the statistics, oldest first.
     *
     * @return the statistics of every epoch planned and not aborted
     */
    public List<EpochStats> view() {
        return Collections.unmodifiableList(stats);
    }

    /**
     * Returns a copy of the statistics.
     *
     * @return the statistics, oldest first
     */
    public synchronized List<EpochStats> snapshot() {
        return List.copyOf(stats);
    }
}
