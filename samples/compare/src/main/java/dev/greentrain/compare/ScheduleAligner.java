package dev.greentrain.compare;

import ai.djl.training.tracker.Tracker;

/**
 * Turns a schedule written in full-data updates (e.g. a cosine over epochs x batches per epoch)
 * into one that follows the epochs of an arm that trains fewer batches per epoch, so that every arm
 * of a comparison sees the same learning rate at the same point of its run.
 */
@FunctionalInterface
public interface ScheduleAligner {

    /**
     * Aligns a full-data schedule with the arm's epochs.
     *
     * @param fullDataSchedule the schedule as the full-data run would use it
     * @return the tracker to give the optimizer
     */
    Tracker align(Tracker fullDataSchedule);
}
