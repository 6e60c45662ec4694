package dev.greentrain.compare;

import dev.greentrain.dream.DreamSampler;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.reduction.ClusterCentroids;
import dev.greentrain.reduction.DistanceEntropy;
import dev.greentrain.reduction.MatrixDecompositionRanking;
import dev.greentrain.reduction.MaxMin;
import dev.greentrain.reduction.PersistenceLandmarks;
import dev.greentrain.reduction.ProtoDash;
import dev.greentrain.reduction.SelectionMethod;
import dev.greentrain.reduction.StratifiedRandom;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The built-in variants by the names the command line takes, created with shared settings. */
public final class Variants {

    /**
     * The settings the built-in variants take.
     *
     * @param pruneRatio InfoBatch's prune ratio r
     * @param delta InfoBatch's annealing fraction
     * @param budget the fraction of full-data sample visits of the budget variants (the budget
     *     samplers train it every epoch; InfoBatch, SeTa and OrderDP in budget mode over the run)
     *     and the fraction p the static reductions keep
     * @param clustersPerClass the k-means clusters per class of the clustering variants
     * @param reclusterInterval the epochs between two clusterings
     * @param keptCount how InfoBatch rounds its kept share of the well-learned samples
     * @param reductionFeatures what the static reductions select from and measure epsilon on
     */
    public record Settings(
            double pruneRatio,
            double delta,
            double budget,
            int clustersPerClass,
            int reclusterInterval,
            KeptCount keptCount,
            SelectionFeatures reductionFeatures) {

        /**
         * Creates settings whose static reductions select from the raw inputs.
         *
         * @param pruneRatio InfoBatch's prune ratio r
         * @param delta InfoBatch's annealing fraction
         * @param budget the fraction of full-data sample visits of the budget variants
         * @param clustersPerClass the k-means clusters per class of the clustering variants
         * @param reclusterInterval the epochs between two clusterings
         * @param keptCount how InfoBatch rounds its kept share of the well-learned samples
         */
        public Settings(
                double pruneRatio,
                double delta,
                double budget,
                int clustersPerClass,
                int reclusterInterval,
                KeptCount keptCount) {
            this(
                    pruneRatio,
                    delta,
                    budget,
                    clustersPerClass,
                    reclusterInterval,
                    keptCount,
                    SelectionFeatures.RAW);
        }

        /**
         * Creates settings with InfoBatch's default rounding (stochastic) and static reductions on
         * the raw inputs.
         *
         * @param pruneRatio InfoBatch's prune ratio r
         * @param delta InfoBatch's annealing fraction
         * @param budget the fraction of full-data sample visits of the budget variants
         * @param clustersPerClass the k-means clusters per class of the clustering variants
         * @param reclusterInterval the epochs between two clusterings
         */
        public Settings(
                double pruneRatio,
                double delta,
                double budget,
                int clustersPerClass,
                int reclusterInterval) {
            this(
                    pruneRatio,
                    delta,
                    budget,
                    clustersPerClass,
                    reclusterInterval,
                    KeptCount.STOCHASTIC);
        }
    }

    private Variants() {}

    /**
     * Returns every built-in variant, prerequisites before the variants that follow them.
     *
     * @param settings the shared settings
     * @return the variants by name, in running order
     */
    public static Map<String, Variant> all(Settings settings) {
        Map<String, Variant> all = new LinkedHashMap<>();
        InfoBatchVariant infoBatch =
                new InfoBatchVariant(settings.pruneRatio(), settings.delta(), settings.keptCount());
        RandomBudgetVariant randomBudget = new RandomBudgetVariant(settings.budget());
        add(all, new BaselineVariant());
        add(all, new BaselineVariant("baseline-copy"));
        add(all, infoBatch);
        add(all, new RandomPruningVariant(infoBatch));
        add(
                all,
                new InfoBatchBudgetVariant(
                        settings.budget(), settings.delta(), settings.keptCount(), randomBudget));
        for (DreamSampler.Selection selection : DreamSampler.Selection.values()) {
            add(
                    all,
                    new DreamVariant(
                            selection,
                            randomBudget,
                            settings.budget(),
                            settings.clustersPerClass(),
                            settings.reclusterInterval()));
        }
        add(all, randomBudget);
        add(all, new SeTaVariant(settings.budget(), randomBudget));
        add(all, new OrderDpVariant(settings.budget(), randomBudget));
        add(all, new LossSamplingVariant(settings.budget(), randomBudget));
        double p = settings.budget();
        SelectionFeatures features = settings.reductionFeatures();
        addStatic(all, new StratifiedRandom(), "stratified random", p, features, randomBudget);
        addStatic(all, new MaxMin(), "per-class farthest points", p, features, randomBudget);
        addStatic(
                all,
                DistanceEntropy.authors(),
                "distance-entropy ranking",
                p,
                features,
                randomBudget);
        addStatic(all, new MatrixDecompositionRanking(), "SVD ranking", p, features, randomBudget);
        addStatic(
                all,
                ProtoDash.gaussian(features.prdSigma()),
                "ProtoDash prototypes, sigma " + plain(features.prdSigma()),
                p,
                features,
                randomBudget);
        addStatic(
                all,
                PersistenceLandmarks.builder().optRadius(features.phlRadius()).build(),
                "persistent-homology landmarks, radius " + plain(features.phlRadius()) + ", H1",
                p,
                features,
                randomBudget);
        add(
                all,
                StaticReductionVariant.synthetic(
                        new ClusterCentroids(),
                        "per-class k-means centroids, k = floor(p n_c)",
                        p,
                        features,
                        randomBudget));
        add(all, new ForgettingEventsVariant(p, randomBudget));
        add(
                all,
                new StratifiedInfoBatchVariant(
                        infoBatch, settings.clustersPerClass(), settings.reclusterInterval()));
        return all;
    }

    private static void add(Map<String, Variant> all, Variant variant) {
        all.put(variant.name(), variant);
    }

    private static void addStatic(
            Map<String, Variant> all,
            SelectionMethod method,
            String rule,
            double p,
            SelectionFeatures features,
            RandomBudgetVariant peer) {
        add(all, new StaticReductionVariant(method, rule, p, features, peer));
    }

    /** A number as people write it: 2, 0.25. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Returns the names the command line takes.
     *
     * @return the built-in variants' names
     */
    public static List<String> names() {
        return List.copyOf(all(new Settings(0.5, 0.875, 0.65, 1, 1)).keySet());
    }

    /**
     * Resolves variant names, refusing unknown or repeated names and missing prerequisites.
     *
     * @param names the names given to {@code --variants}
     * @param settings the shared settings
     * @return the variants in running order, prerequisites first
     * @throws IllegalArgumentException naming the bad name and the fix
     */
    public static List<Variant> resolve(List<String> names, Settings settings) {
        Map<String, Variant> all = all(settings);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(
                    "--variants is empty: name at least one of "
                            + String.join(", ", all.keySet())
                            + ".");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException(
                        "Unknown variant \""
                                + name
                                + "\": expected one of "
                                + String.join(", ", all.keySet())
                                + " (e.g. --variants baseline,infobatch,random).");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(
                        "Variant \"" + name + "\" is listed twice in --variants: list it once.");
            }
        }
        List<Variant> ordered = new ArrayList<>();
        for (Variant variant : all.values()) {
            if (seen.contains(variant.name())) {
                for (Variant prerequisite : variant.prerequisites()) {
                    if (!seen.contains(prerequisite.name())) {
                        throw new IllegalArgumentException(
                                "Variant \""
                                        + variant.name()
                                        + "\" needs the "
                                        + prerequisite.name()
                                        + " arm of the same seed: add "
                                        + prerequisite.name()
                                        + " to --variants.");
                    }
                }
                ordered.add(variant);
            }
        }
        return ordered;
    }
}
