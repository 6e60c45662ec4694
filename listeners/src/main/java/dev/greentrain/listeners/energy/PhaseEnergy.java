package dev.greentrain.listeners.energy;

import java.util.Arrays;

/**
 * Splits the energy readings of a run into consecutive phase windows (Zeus-style): each boundary
 * charges the energy since the previous one to the phase that just ended, per source and per epoch.
 */
final class PhaseEnergy {

    private static final EnergyPhase[] PHASES = EnergyPhase.values();

    private final double[][] joules;
    private final double[] epochJoules = new double[PHASES.length];
    private double[] cursor;

    PhaseEnergy(int sources) {
        this.joules = new double[PHASES.length][sources];
    }

    /** Starts a window at the given readings without charging anything (e.g. a new fit). */
    void restart(double[] readings) {
        cursor = readings.clone();
    }

    /** Charges the energy since the last boundary to a phase; nothing before {@link #restart}. */
    void charge(EnergyPhase phase, double[] readings) {
        if (cursor != null) {
            for (int i = 0; i < readings.length; i++) {
                double delta = readings[i] - cursor[i];
                joules[phase.ordinal()][i] += delta;
                epochJoules[phase.ordinal()] += delta;
            }
        }
        cursor = readings.clone();
    }

    /** Returns a phase's energy from one source, over the run. */
    double joules(EnergyPhase phase, int source) {
        return joules[phase.ordinal()][source];
    }

    /** Returns a phase's energy over all sources since the epoch began. */
    double epochJoules(EnergyPhase phase) {
        return epochJoules[phase.ordinal()];
    }

    /** Starts the next epoch's figures (the window itself continues). */
    void nextEpoch() {
        Arrays.fill(epochJoules, 0);
    }
}
