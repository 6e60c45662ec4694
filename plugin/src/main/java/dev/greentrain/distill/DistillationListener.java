package dev.greentrain.distill;

/** Receives a distillation's progress, on the distilling thread. */
public interface DistillationListener {

    /**
     * Called once before the first iteration runs (after initialisation or a resume).
     *
     * @param completed the iterations already completed (0, or the checkpoint's)
     * @param current the synthetic set as it stands
     */
    default void onStart(int completed, DistilledSet current) {}

    /**
     * Called after every iteration (and after its checkpoint, when one is due).
     *
     * @param progress the iteration's figures and the synthetic set after it
     */
    default void onIteration(Progress progress) {}

    /**
     * One iteration's figures.
     *
     * @param iteration the iterations completed, from 1
     * @param loss the iteration's matching loss (summed over classes)
     * @param realForwards real images forwarded for matching so far
     * @param syntheticForwards synthetic images forwarded so far
     * @param clusteringForwards real images embedded for DREAM's clustering so far (its k-means
     *     initialisation included)
     * @param current the synthetic set after the iteration
     */
    record Progress(
            int iteration,
            float loss,
            long realForwards,
            long syntheticForwards,
            long clusteringForwards,
            DistilledSet current) {}
}
