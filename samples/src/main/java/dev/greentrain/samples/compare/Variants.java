package dev.greentrain.samples.compare;

import dev.greentrain.dream.DreamSampler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The variants a comparison can run, by name; adding a variant is one line here. */
public final class Variants {

    private static final Map<String, Variant> ALL = new LinkedHashMap<>();

    static {
        register(new BaselineVariant());
        register(new InfoBatchVariant());
        register(new RandomPruningVariant());
        register(new DreamVariant(DreamSampler.Selection.NEAREST));
        register(new DreamVariant(DreamSampler.Selection.STRATIFIED));
        register(new RandomBudgetVariant());
        register(new StratifiedInfoBatchVariant());
    }

    private Variants() {}

    /** Registers a variant after its prerequisites, so that the registry order is a run order. */
    private static void register(Variant variant) {
        for (String prerequisite : variant.prerequisites()) {
            if (!ALL.containsKey(prerequisite)) {
                throw new IllegalStateException(
                        variant.name() + " is registered before its prerequisite " + prerequisite);
            }
        }
        ALL.put(variant.name(), variant);
    }

    /**
     * Returns the names of every known variant, in the order the report lists them.
     *
     * @return the variant names
     */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * Returns a known variant.
     *
     * @param name the variant's name
     * @return the variant
     * @throws IllegalArgumentException if no variant has that name
     */
    public static Variant get(String name) {
        Variant variant = ALL.get(name);
        if (variant == null) {
            throw new IllegalArgumentException(
                    "Unknown variant \""
                            + name
                            + "\": expected one of "
                            + String.join(", ", names())
                            + " (e.g. --variants baseline,infobatch,random).");
        }
        return variant;
    }

    /**
     * Resolves variant names, checking that each is known, listed once and has its prerequisites
     * listed too, and orders them so that every prerequisite runs first.
     *
     * @param names the names given on the command line
     * @return the variants in running order
     * @throws IllegalArgumentException naming the bad value and how to fix it
     */
    public static List<Variant> resolve(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(
                    "--variants is empty: name at least one of "
                            + String.join(", ", names())
                            + ".");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            get(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException(
                        "Variant \"" + name + "\" is listed twice in --variants: list it once.");
            }
        }
        List<Variant> ordered = new ArrayList<>();
        for (String name : ALL.keySet()) {
            if (seen.contains(name)) {
                Variant variant = ALL.get(name);
                for (String prerequisite : variant.prerequisites()) {
                    if (!seen.contains(prerequisite)) {
                        throw new IllegalArgumentException(
                                "Variant \""
                                        + name
                                        + "\" needs the "
                                        + prerequisite
                                        + " run of the same seed: add "
                                        + prerequisite
                                        + " to --variants.");
                    }
                }
                ordered.add(variant);
            }
        }
        return ordered;
    }
}
