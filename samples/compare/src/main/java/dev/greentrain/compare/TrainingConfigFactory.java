package dev.greentrain.compare;

import ai.djl.training.DefaultTrainingConfig;

/**
 * Creates a workload's trainer configuration (loss, optimizer, evaluators, listeners) afresh for
 * every arm; the engine adds its own listeners to it.
 */
@FunctionalInterface
public interface TrainingConfigFactory {

    /**
     * Creates the configuration of one arm.
     *
     * @param schedules aligns any learning-rate schedule, written in full-data updates, with the
     *     arm's epochs
     * @return a new configuration
     */
    DefaultTrainingConfig create(ScheduleAligner schedules);
}
