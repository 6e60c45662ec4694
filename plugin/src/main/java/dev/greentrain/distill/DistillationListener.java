package dev.greentrain.distill;

/** Receives a distillation's progress, on the distilling thread. */
public interface DistillationListener {

    /**
     * Called once before the first iteration runs (after initialisation or a resume).
     *
     * @param start the figures so far, loss NaN: on a fresh run iteration 0 with the
     *     initialisation's clustering passes (DREAM's k-means start), on a resumed run the
     *     checkpoint's iteration (at least 1) and counts; and the synthetic set as it stands
     */
    default void onStart(Progress start) {}

    /**
     * Called after every iteration (and after its checkpoint, when one is due).
     *
     * @param progress the iteration's figures and the synthetic set after it
     */
    default void onIteration(Progress progress) {}

    /**
     * One iteration's figures (or the start's, see {@link #onStart(Progress)}).
     *
     * @param iteration the iterations completed, from 1 (0 or more at the start)
     * @param loss the iteration's matching loss (summed over classes; NaN at the start)
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
