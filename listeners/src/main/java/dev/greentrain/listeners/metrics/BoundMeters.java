package dev.greentrain.listeners.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The meters one binder registered on every registry it was bound to, so that a value recorded once
 * (a timing, a score) reaches each registry; a meter bound twice is kept once.
 *
 * @param <M> the meter type, e.g. {@code Timer}
 */
final class BoundMeters<M> {

    private final List<M> meters = new CopyOnWriteArrayList<>();

    /** Adds a registered meter unless this very meter (not an equal one) is already held. */
    synchronized void add(M meter) {
        for (M held : meters) {
            if (held == meter) {
                return; // the same registry returned the meter it already had
            }
        }
        meters.add(meter);
    }

    /** Passes every held meter to an action. */
    void forEach(Consumer<M> action) {
        meters.forEach(action);
    }
}
