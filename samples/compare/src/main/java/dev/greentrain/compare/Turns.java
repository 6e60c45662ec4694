package dev.greentrain.compare;

/**
 * Who may compute now, among the arms of one seed training the same epoch side by side: one arm at
 * a time, each passing the turn to the next unfinished arm after a few batches, so that a burst of
 * load on the machine falls on every arm alike, not on whichever arm happened to run then.
 */
final class Turns {

    private final boolean[] finished;
    private int holder;

    /**
     * Creates the turns of one epoch; the first arm of the epoch's order holds the first turn.
     *
     * @param arms the number of arms
     */
    Turns(int arms) {
        this.finished = new boolean[arms];
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
     * Hands the turn from an arm to the next arm that has not finished its epoch.
     *
     * @param arm the arm that holds the turn
     */
    synchronized void pass(int arm) {
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

    private int next(int arm) {
        for (int step = 1; step <= finished.length; step++) {
            int candidate = (arm + step) % finished.length;
            if (!finished[candidate]) {
                return candidate;
            }
        }
        return arm;
    }
}
