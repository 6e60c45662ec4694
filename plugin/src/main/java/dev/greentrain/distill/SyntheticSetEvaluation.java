package dev.greentrain.distill;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.greentrain.pruning.SplitMix64;
import java.io.IOException;

/**
 * The papers' evaluation of a distilled set: train freshly initialised ConvNets from scratch on the
 * set alone and measure their accuracy on the real test set.
 *
 * <p>Training follows the DM authors' {@code evaluate_synset}: SGD, learning rate 0.01, momentum
 * 0.9, weight decay 0.0005, the learning rate divided by 10 after half the epochs, batches of 256,
 * softmax cross-entropy, and every training image augmented by its own {@link Augmentation} draw
 * (one transform per image; the authors draw one transform per batch with per-image parameters).
 * The authors train 1000 epochs and evaluate 20 models; both are options here.
 */
public final class SyntheticSetEvaluation {

    private final Builder settings;
    private final LabelledImages test;

    private SyntheticSetEvaluation(Builder settings, LabelledImages test) {
        this.settings = settings;
        this.test = test;
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains the configured number of fresh models on the set and returns their test accuracies.
     *
     * @param set the distilled (or any small labelled) set
     * @param round a number that makes this evaluation's seeds differ from other rounds' (e.g. the
     *     iteration)
     * @return one accuracy in [0, 1] per model
     */
    public double[] evaluate(DistilledSet set, long round) {
        double[] accuracies = new double[settings.models];
        for (int m = 0; m < settings.models; m++) {
            accuracies[m] =
                    trainAndTest(set, Streams.of(settings.seed, Streams.EVALUATION, round, m));
        }
        return accuracies;
    }

    private double trainAndTest(DistilledSet set, SplitMix64 random) {
        Shape imageShape = set.imageShape();
        int channels = (int) imageShape.get(0);
        int height = (int) imageShape.get(1);
        int width = (int) imageShape.get(2);
        int imageSize = (int) imageShape.size();
        int n = set.size();
        int stepsPerEpoch = (n + settings.batchSize - 1) / settings.batchSize;
        int halfway = (settings.epochs / 2) * stepsPerEpoch;
        float rate = settings.learningRate;
        try (Model model = Model.newInstance("distilled-set-evaluation")) {
            model.setBlock(ConvNet.create(settings.width, settings.classes));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(
                                                    (Tracker)
                                                            update ->
                                                                    update < halfway
                                                                            ? rate
                                                                            : rate / 10)
                                            .optMomentum(0.9f)
                                            .optWeightDecays(5e-4f)
                                            .build());
            Engine.getInstance().setRandomSeed((int) (random.nextLong() >>> 33));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1).addAll(imageShape));
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                for (int epoch = 0; epoch < settings.epochs; epoch++) {
                    int[] shuffled = Streams.pick(order, n, random);
                    for (int from = 0; from < n; from += settings.batchSize) {
                        int rows = Math.min(settings.batchSize, n - from);
                        float[] images = new float[rows * imageSize];
                        float[] labels = new float[rows];
                        float[] one = new float[imageSize];
                        for (int r = 0; r < rows; r++) {
                            int index = shuffled[from + r];
                            System.arraycopy(set.pixels(), index * imageSize, one, 0, imageSize);
                            Augmenter.applyInPlace(
                                    one,
                                    channels,
                                    height,
                                    width,
                                    Augmentation.draw(random, height, width));
                            System.arraycopy(one, 0, images, r * imageSize, imageSize);
                            labels[r] = set.labels()[index];
                        }
                        try (NDManager batch = trainer.getManager().newSubManager()) {
                            NDArray x = batch.create(images, new Shape(rows).addAll(imageShape));
                            NDArray y = batch.create(labels);
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList prediction = trainer.forward(new NDList(x));
                                collector.backward(
                                        trainer.getLoss().evaluate(new NDList(y), prediction));
                            }
                            trainer.step();
                        }
                    }
                }
                return accuracy(trainer.getManager(), model.getBlock());
            }
        }
    }

    private double accuracy(NDManager manager, Block block) {
        long correct = 0;
        int chunk = 500;
        for (int from = 0; from < test.size(); from += chunk) {
            int to = Math.min(test.size(), from + chunk);
            int[] indices = new int[to - from];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = from + i;
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = test.gather(scope, indices);
                NDArray logits =
                        block.forward(new ParameterStore(scope, false), new NDList(x), false)
                                .head();
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < indices.length; i++) {
                    if (predicted[i] == test.label(indices[i])) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / test.size();
    }

    /** Configures an evaluation; the test set is required. */
    public static final class Builder {

        private RandomAccessDataset testSet;
        private int classes = 10;
        private int models = 5;
        private int epochs = 300;
        private int width = ConvNet.PAPER_WIDTH;
        private int batchSize = 256;
        private float learningRate = 0.01f;
        private long seed;

        private Builder() {}

        /**
         * Sets the real test set (images (C, H, W), sparse class ids).
         *
         * @param testSet the test set
         * @return this builder
         */
        public Builder setTestSet(RandomAccessDataset testSet) {
            this.testSet = testSet;
            return this;
        }

        /**
         * Sets the number of classes (default 10).
         *
         * @param classes at least 2
         * @return this builder
         */
        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /**
         * Sets the models trained per evaluation (default 5; the authors use 20).
         *
         * @param models at least 1
         * @return this builder
         */
        public Builder optModels(int models) {
            this.models = models;
            return this;
        }

        /**
         * Sets the training epochs per model (default 300; the authors use 1000).
         *
         * @param epochs at least 1
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the evaluation ConvNet's width (default 128, the paper's).
         *
         * @param width at least 1
         * @return this builder
         */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /**
         * Sets the batch size (default 256, the authors').
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the initial learning rate (default 0.01, the authors').
         *
         * @param learningRate positive
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the seed of the models' initialisation, order and augmentation (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Reads the test set and builds the evaluation.
         *
         * @param manager the manager that holds the test images
         * @return the evaluation
         * @throws IOException if the test set cannot be read
         * @throws TranslateException if the test set cannot be iterated
         */
        public SyntheticSetEvaluation build(NDManager manager)
                throws IOException, TranslateException {
            if (testSet == null) {
                throw new IllegalArgumentException(
                        "No test set: call setTestSet with the real, labelled test images.");
            }
            if (models < 1 || epochs < 1 || width < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException(
                        "Evaluation settings models="
                                + models
                                + " epochs="
                                + epochs
                                + " width="
                                + width
                                + " batchSize="
                                + batchSize
                                + " learningRate="
                                + learningRate
                                + ": each must be at least 1 (the rate positive).");
            }
            return new SyntheticSetEvaluation(this, LabelledImages.read(manager, testSet, classes));
        }
    }
}
