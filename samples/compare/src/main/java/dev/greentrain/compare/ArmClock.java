package dev.greentrain.compare;

/**
 * An arm's own wall clock: it runs only while the arm holds the processor, so arms that take turns
 * inside an epoch are each charged their own time.
 */
final class ArmClock {

    private long held;
    private long since = -1;

    /** Starts counting: the arm runs from now. */
    synchronized void start() {
        if (since < 0) {
            since = System.nanoTime();
        }
    }

    /** Stops counting until the next {@link #start()}. */
    synchronized void stop() {
        if (since >= 0) {
            held += System.nanoTime() - since;
            since = -1;
        }
    }

    /** Returns the nanoseconds the arm has run so far. */
    synchronized long nanos() {
        return held + (since < 0 ? 0 : System.nanoTime() - since);
    }
}
