package dev.greentrain.compare;

import dev.greentrain.listeners.energy.EnergySource;
import java.util.ArrayList;
import java.util.List;

/**
 * The energy of one arm: the shared meter's increase over the windows in which the arm ran, so that
 * arms interleaved in one process are each charged their own epochs only.
 */
final class ArmEnergy {

    private final EnergyMeter meter;
    private final double[] closed;
    private double[] openedAt;

    ArmEnergy(EnergyMeter meter) {
        this.meter = meter;
        this.closed = new double[meter.sources().size()];
    }

    /** Starts a window: the arm runs from now. */
    synchronized void open() {
        if (openedAt == null) {
            openedAt = meter.read();
        }
    }

    /** Ends the window: the arm's energy stops growing until the next {@link #open()}. */
    synchronized void close() {
        if (openedAt != null) {
            double[] now = meter.read();
            for (int i = 0; i < closed.length; i++) {
                closed[i] += now[i] - openedAt[i];
            }
            openedAt = null;
        }
    }

    /** Returns the arm's energy so far, over all sources. */
    synchronized double joules() {
        double[] now = openedAt == null ? null : meter.read();
        double total = 0;
        for (int i = 0; i < closed.length; i++) {
            total += joulesOf(i, now);
        }
        return total;
    }

    private double joulesOf(int source, double[] now) {
        return closed[source] + (now == null ? 0 : now[source] - openedAt[source]);
    }

    private synchronized double joulesOf(int source) {
        return joulesOf(source, openedAt == null ? null : meter.read());
    }

    /**
     * Returns one source per component that reads the arm's share only, for the arm's energy
     * metrics.
     *
     * @return windowed views of the meter's sources
     */
    List<EnergySource> sources() {
        List<EnergySource> views = new ArrayList<>();
        for (int i = 0; i < closed.length; i++) {
            EnergySource source = meter.sources().get(i);
            int index = i;
            views.add(
                    new EnergySource() {
                        @Override
                        public String component() {
                            return source.component();
                        }

                        @Override
                        public String method() {
                            return source.method();
                        }

                        @Override
                        public double joules() {
                            return joulesOf(index);
                        }
                    });
        }
        return views;
    }
}
