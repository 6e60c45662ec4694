package dev.greentrain.training;

import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PruningPolicy;

/**
 * Implemented by a training listener that wants the pruning policy of the run, e.g. to publish its
 * per-epoch statistics; {@link PrunedTraining} hands it over before the first epoch.
 */
public interface PruningAware {

    /**
     * Receives the policy that plans the run's epochs.
     *
     * @param policy the pruning policy, read-only use
     */
    void setPruningPolicy(PruningPolicy policy);

    /**
     * Called by {@link PrunedTraining} right after the policy planned an epoch and before its first
     * batch is drawn: the end of the epoch's method phase, e.g. for energy per phase.
     *
     * @param planned the planned epoch's statistics
     */
    default void onEpochPlanned(EpochStats planned) {}
}
