package dev.greentrain.reduction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.RandomAccessDataset;
import dev.greentrain.dream.DatasetEmbedding;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.Embeddings;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.ScorelessPolicy;
import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * FES, forgetting events, as a pruning policy: the first {@code scoringEpochs} epochs train on all
 * data; after each of them (when the next epoch is planned) a prediction pass over all data, in
 * inference mode and counted as method passes, records for every sample whether it is classified
 * correctly, and a correct-to-wrong change is one forgetting event. Then, per class, the {@code
 * floor(p * n_c)} samples with the most events are kept, a sample never classified correctly
 * scoring {@code scoringEpochs} (the most possible), ties to the lowest index; the remaining epochs
 * train that subset. The scoring epochs are full-data epochs and count in the cost.
 */
public final class ForgettingEvents extends ScorelessPolicy {

    private final RandomAccessDataset dataset;
    private final DatasetEmbedding predictions;
    private final int scoringEpochs;
    private final double fraction;
    private final SplitMix64 random;
    private int[] labels;
    private boolean[] correct;
    private boolean[] everCorrect;
    private int[] events;
    private int[] subset;

    private ForgettingEvents(Builder builder) {
        super(Math.toIntExact(builder.dataset.size()));
        this.dataset = builder.dataset;
        Block block = builder.model;
        this.predictions =
                new DatasetEmbedding(
                        Embedder.of("FES predictions", inputs -> logits(block, inputs)),
                        DatasetEmbedding.DEFAULT_BATCH_SIZE);
        this.scoringEpochs = builder.scoringEpochs;
        this.fraction = builder.fraction;
        this.random = new SplitMix64(builder.seed);
    }

    private static NDArray logits(Block block, NDList inputs) {
        ParameterStore store = new ParameterStore(inputs.head().getManager(), false);
        NDArray out = block.forward(store, inputs, false).head();
        return out.reshape(out.getShape().get(0), -1);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public EpochPlan nextEpoch() {
        int epoch = plannedEpochs();
        if (epoch >= 1 && epoch <= scoringEpochs && subset == null) {
            recordPredictions();
        }
        if (epoch >= scoringEpochs && subset == null) {
            subset = select(labels, everCorrect, events, fraction, scoringEpochs);
        }
        int[] order =
                subset != null ? subset.clone() : IntStream.range(0, getDatasetSize()).toArray();
        random.shuffle(order, order.length);
        return plan(order, order.length);
    }

    private void recordPredictions() {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            if (labels == null) {
                labels = DatasetEmbedding.readLabels(manager, dataset);
                correct = new boolean[labels.length];
                everCorrect = new boolean[labels.length];
                events = new int[labels.length];
            }
            Embeddings logits = predictions.embed(manager, dataset);
            boolean[] now = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                int best = 0;
                for (int c = 1; c < logits.dim(); c++) {
                    if (logits.data()[i * logits.dim() + c]
                            > logits.data()[i * logits.dim() + best]) {
                        best = c;
                    }
                }
                now[i] = best == labels[i];
            }
            tally(correct, now, everCorrect, events);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (ai.djl.translate.TranslateException e) {
            throw new IllegalStateException("FES could not predict the training set: " + e, e);
        }
    }

    /**
     * Records one prediction pass: a sample correct before and wrong now has one more event.
     *
     * @param correct whether each sample was correct after the previous pass; updated to now
     * @param now whether each sample is correct now
     * @param everCorrect whether each sample was ever correct; updated
     * @param events the forgetting events; updated
     */
    static void tally(boolean[] correct, boolean[] now, boolean[] everCorrect, int[] events) {
        for (int i = 0; i < now.length; i++) {
            if (correct[i] && !now[i]) {
                events[i]++;
            }
            correct[i] = now[i];
            everCorrect[i] |= now[i];
        }
    }

    /**
     * Keeps, per class, the {@code floor(p * n_c)} most forgotten samples; never-learned samples
     * score {@code maximum}.
     *
     * @param labels every sample's class
     * @param everCorrect whether each sample was ever classified correctly
     * @param events the forgetting events
     * @param fraction p in (0, 1]
     * @param maximum the score of a never-learned sample (the number of scoring epochs)
     * @return the kept samples, ascending
     */
    static int[] select(
            int[] labels, boolean[] everCorrect, int[] events, double fraction, int maximum) {
        ClassMembers classes = ClassMembers.of(labels);
        int[] kept = classes.keptPerClass(fraction, "FES");
        int[] out = new int[Arrays.stream(kept).sum()];
        int next = 0;
        for (int c = 0; c < classes.count(); c++) {
            Integer[] members = Arrays.stream(classes.members(c)).boxed().toArray(Integer[]::new);
            Arrays.sort(
                    members,
                    Comparator.comparingInt((Integer i) -> everCorrect[i] ? events[i] : maximum)
                            .reversed());
            for (int k = 0; k < kept[c]; k++) {
                out[next++] = members[k];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public long getSamplerForwardPasses() {
        return predictions.getForwardPasses();
    }

    /** {@inheritDoc} */
    @Override
    public int[] getPlannedSamples(int totalEpochs) {
        int done = getEpochStats().size();
        int[] counts = new int[Math.max(0, totalEpochs - done)];
        for (int k = 0; k < counts.length; k++) {
            counts[k] =
                    done + k < scoringEpochs
                            ? getDatasetSize()
                            : subset != null
                                    ? subset.length
                                    : Fraction.of(fraction, getDatasetSize());
        }
        return counts;
    }

    /**
     * Returns the kept samples once chosen.
     *
     * @return the subset, ascending, or null during the scoring epochs
     */
    public int[] getSubset() {
        return subset == null ? null : subset.clone();
    }

    /** The builder: dataset and model required; 0.5 kept after 2 scoring epochs by default. */
    public static final class Builder extends PolicyBuilder<Builder> {

        private Block model;
        private int scoringEpochs = 2;

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the model being trained, whose predictions are tallied.
         *
         * @param model the trainer's block (class logits as its output)
         * @return this builder
         */
        public Builder setModel(Block model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Sets the full-data epochs that score forgetting.
         *
         * @param scoringEpochs at least 1; default 2 (the authors: 50 of 150 on DryBean)
         * @return this builder
         */
        public Builder optScoringEpochs(int scoringEpochs) {
            this.scoringEpochs = scoringEpochs;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException naming the bad setting and the fix
         */
        public ForgettingEvents build() {
            checkShared("setModel(block)", model != null);
            if (scoringEpochs < 1) {
                throw new IllegalArgumentException(
                        "FES scoringEpochs = "
                                + scoringEpochs
                                + " is invalid: score forgetting over at least 1 full-data epoch.");
            }
            return new ForgettingEvents(this);
        }
    }
}
