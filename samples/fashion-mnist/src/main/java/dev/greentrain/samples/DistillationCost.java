package dev.greentrain.samples;

import dev.greentrain.listeners.energy.EnergyMetrics;
import dev.greentrain.listeners.energy.EnergyPhase;

/**
 * The wall time and energy of a distillation's iterations, the evaluations left out: consecutive
 * windows, each iteration's charged to the method phase of the energy component, each evaluation's
 * to the evaluate phase (the set-up before the first iteration goes to the method phase too, but
 * not into these figures).
 */
final class DistillationCost {

    private final EnergyMetrics energy;
    private double secondsBefore;
    private double joulesBefore;
    private double methodJoulesAtStart;
    private double seconds;
    private long mark;

    /**
     * Creates the windows over a started (or about to start) energy component.
     *
     * @param energy the energy component of the run
     */
    DistillationCost(EnergyMetrics energy) {
        this.energy = energy;
    }

    /**
     * Starts the iterations' windows: ends the set-up's and takes the figures of the iterations run
     * before (by an earlier process of a resumed run).
     *
     * @param secondsBefore their wall time
     * @param joulesBefore their energy, NaN when unknown
     */
    void start(double secondsBefore, double joulesBefore) {
        energy.markPhaseEnd(EnergyPhase.METHOD);
        this.methodJoulesAtStart = energy.getPhaseJoules(EnergyPhase.METHOD);
        this.secondsBefore = secondsBefore;
        this.joulesBefore = joulesBefore;
        this.seconds = 0;
        this.mark = System.nanoTime();
    }

    /** Ends an iteration's window. */
    void endIteration() {
        seconds += (System.nanoTime() - mark) / 1e9;
        mark = System.nanoTime();
        energy.markPhaseEnd(EnergyPhase.METHOD);
    }

    /** Ends an evaluation's window (or any other work that is not an iteration). */
    void endEvaluation() {
        mark = System.nanoTime();
        energy.markPhaseEnd(EnergyPhase.EVALUATE);
    }

    /** Returns the iterations' wall time so far, the run's earlier processes included. */
    double seconds() {
        return secondsBefore + seconds;
    }

    /** Returns the iterations' energy so far, earlier processes included; NaN when unknown. */
    double joules() {
        return joulesBefore + joulesSinceStart();
    }

    /** Returns the energy of the iterations this process ran. */
    double joulesSinceStart() {
        return energy.getPhaseJoules(EnergyPhase.METHOD) - methodJoulesAtStart;
    }

    /** Returns whether the energy is {@code measured} or {@code modelled}. */
    String kind() {
        return energy.getKind();
    }
}
