package dev.greentrain.compare;

import java.util.Arrays;

/**
 * Who may compute now, among the arms of one seed training the same epoch side by side: one arm at
 * a time, each handing the turn on after a few batches to the unfinished arm that is furthest
 * behind in its own epoch, so that arms with fewer batches (a pruned arm beside full data) keep
 * pace with the others and all finish together: a burst of load on the machine then falls on every
 * arm alike, never on one arm running alone at the end of the epoch.
 */
final class Turns {

    private final boolean[] finished;
    private final double[] progress;
    private int holder;

    /**
     * Creates the turns of one epoch; the first arm of the epoch's order holds the first turn.
     *
     * @param arms the number of arms
     */
    Turns(int arms) {
        this.finished = new boolean[arms];
        this.progress = new double[arms];
    }

    /**
     * Waits until an arm holds the turn.
     *
     * @param arm the arm's position in the epoch's order
     */
    synchronized void await(int arm) {
        while (holder != arm) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the turn", e);
            }
        }
    }

    /**
     * Records how far an arm is in its epoch and hands the turn to the unfinished arm that is
     * furthest behind (the arm itself when the others are ahead; ties go to the next in order).
     *
     * @param arm the arm that holds the turn
     * @param done the arm's progress: training batches done as a fraction of its epoch's, plus 1
     *     plus the fraction of evaluation batches done once it evaluates
     */
    synchronized void pass(int arm, double done) {
        progress[arm] = done;
        holder = next(arm);
        notifyAll();
    }

    /**
     * Marks an arm's epoch done (or failed) and hands the turn on if it held it.
     *
     * @param arm the arm
     */
    synchronized void finish(int arm) {
        finished[arm] = true;
        if (holder == arm) {
            holder = next(arm);
        }
        notifyAll();
    }

    /**
     * Returns each arm's last recorded progress, for tests.
     *
     * @return a copy
     */
    synchronized double[] progress() {
        return Arrays.copyOf(progress, progress.length);
    }

    private int next(int arm) {
        int best = finished[arm] ? -1 : arm;
        for (int step = 1; step < finished.length; step++) {
            int candidate = (arm + step) % finished.length;
            if (!finished[candidate] && (best < 0 || progress[candidate] < progress[best])) {
                best = candidate;
            }
        }
        return best < 0 ? arm : best;
    }
}
