package dev.greentrain.listeners.energy;

import java.util.Locale;

/**
 * A phase of a training epoch that energy is charged to, as consecutive measurement windows: the
 * method's own work (planning the epoch), training, and the evaluation after it.
 */
public enum EnergyPhase {
    /** The pruning or sampling method's own work: planning the epoch (scoring, clustering). */
    METHOD,
    /** The training batches: forward, backward and optimizer steps. */
    TRAIN,
    /** The evaluation after the epoch's last training batch. */
    EVALUATE;

    /**
     * Returns the value of the {@code phase} tag.
     *
     * @return {@code method}, {@code train} or {@code evaluate}
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
