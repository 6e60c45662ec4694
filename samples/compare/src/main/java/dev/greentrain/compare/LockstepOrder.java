package dev.greentrain.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the arms of one seed train an epoch: it rotates by one every epoch, so that
 * whatever the machine does over minutes hits every arm alike. An arm that follows another (random
 * pruning takes InfoBatch's counts) moves with it as one unit, right after it.
 */
final class LockstepOrder {

    private LockstepOrder() {}

    /**
     * Returns the order of an epoch.
     *
     * @param variants the arms' variants, prerequisites before the variants that follow them
     * @param epoch the epoch, from 0
     * @return the variants in training order for that epoch
     */
    static List<Variant> of(List<Variant> variants, int epoch) {
        List<List<Variant>> units = units(variants);
        int n = units.size();
        List<Variant> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.addAll(units.get((epoch + i) % n));
        }
        return order;
    }

    /** Groups each variant with the variants that follow it, directly or not. */
    private static List<List<Variant>> units(List<Variant> variants) {
        Map<String, List<Variant>> unitOf = new LinkedHashMap<>();
        List<List<Variant>> units = new ArrayList<>();
        for (Variant variant : variants) {
            List<Variant> unit = null;
            for (Variant prerequisite : variant.prerequisites()) {
                unit = unitOf.get(prerequisite.name());
            }
            if (unit == null) {
                unit = new ArrayList<>();
                units.add(unit);
            }
            unit.add(variant);
            unitOf.put(variant.name(), unit);
        }
        return units;
    }
}
