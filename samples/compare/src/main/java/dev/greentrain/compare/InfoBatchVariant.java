package dev.greentrain.compare;

import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.infobatch.KeptCount;
import dev.greentrain.pruning.PruningPolicy;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** InfoBatch with a prune ratio and an annealing fraction, seeded with the arm's seed. */
public final class InfoBatchVariant implements Variant {

    private final double pruneRatio;
    private final double delta;
    private final KeptCount keptCount;

    /** Creates InfoBatch at the paper's defaults (r = 0.5, delta = 0.875). */
    public InfoBatchVariant() {
        this(InfoBatch.DEFAULT_PRUNE_RATIO, InfoBatch.DEFAULT_DELTA);
    }

    /**
     * Creates InfoBatch with given settings and the default (stochastic) rounding of the kept
     * count.
     *
     * @param pruneRatio the prune ratio r, in [0, 0.9]
     * @param delta the annealing fraction, in (0, 1]
     */
    public InfoBatchVariant(double pruneRatio, double delta) {
        this(pruneRatio, delta, KeptCount.STOCHASTIC);
    }

    /**
     * Creates InfoBatch with given settings.
     *
     * @param pruneRatio the prune ratio r, in [0, 0.9]
     * @param delta the annealing fraction, in (0, 1]
     * @param keptCount how the kept share of the well-learned samples is rounded
     */
    public InfoBatchVariant(double pruneRatio, double delta, KeptCount keptCount) {
        this.pruneRatio = pruneRatio;
        this.delta = delta;
        this.keptCount = keptCount;
        // InfoBatch checks both and says how to fix them
        builder().setDatasetSize(1).setEpochs(1).build();
    }

    /**
     * Returns InfoBatch's settings for an arm.
     *
     * @return a builder with r and delta set
     */
    InfoBatch.Builder builder() {
        return InfoBatch.builder()
                .optPruneRatio(pruneRatio)
                .optDelta(delta)
                .optKeptCount(keptCount);
    }

    /**
     * Returns a rounding rule by the name the command line takes.
     *
     * @param keptCount the rule
     * @return {@code stochastic} or {@code reference}
     */
    static String keptCountName(KeptCount keptCount) {
        return keptCount.name().toLowerCase(Locale.ROOT);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "infobatch";
    }

    /** {@inheritDoc} */
    @Override
    public String label() {
        return "InfoBatch";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Prunes part of the well-learned samples, rescales the kept ones and anneals to"
                + " full data (r = "
                + pruneRatio
                + ", delta = "
                + delta
                + ").";
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> parameters() {
        return Map.of(
                "--prune-ratio",
                String.valueOf(pruneRatio),
                "--delta",
                String.valueOf(delta),
                "--kept-count",
                keptCountName(keptCount));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(ArmContext context) {
        return Optional.of(
                builder()
                        .setDatasetSize(context.datasetSize())
                        .setEpochs(context.epochs())
                        .optSeed(context.seed())
                        .build());
    }
}
