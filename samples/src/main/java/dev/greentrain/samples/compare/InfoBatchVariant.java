package dev.greentrain.samples.compare;

import dev.greentrain.pruning.PruningPolicy;
import java.util.Optional;

/** InfoBatch dynamic data pruning with the comparison's r, delta and seed. */
public final class InfoBatchVariant implements Variant {

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
        return "Prunes part of the well-learned samples, rescales the kept ones and"
                + " anneals to full data.";
    }

    /** {@inheritDoc} */
    @Override
    public Optional<PruningPolicy> policy(VariantContext context) {
        return Optional.of(
                context.settings()
                        .infoBatch()
                        .setDatasetSize(context.datasetSize())
                        .setEpochs(context.epochs())
                        .build());
    }
}
