package dev.greentrain.listeners;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.DreamSampler;
import dev.greentrain.dream.Embedder;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.training.DreamTrain;
import dev.greentrain.training.InfoBatchTrain;
import java.util.Random;

/** A short, real DJL training on Gaussian blobs, with or without InfoBatch, for the tests. */
public final class SyntheticTraining {

    /** Training samples. */
    public static final int SIZE = 2048;

    /** Epochs. */
    public static final int EPOCHS = 6;

    private SyntheticTraining() {}

    /**
     * Trains a small MLP with the given extra listeners.
     *
     * @param infoBatch whether to prune with InfoBatch (else {@code EasyTrain.fit})
     * @param listeners listeners to add after DJL's defaults
     * @return the pruner, or {@code null} for full data
     * @throws Exception if training fails
     */
    public static InfoBatch train(boolean infoBatch, TrainingListener... listeners)
            throws Exception {
        InfoBatch[] pruner = new InfoBatch[1];
        train(
                (trainer, train, validate) -> {
                    if (infoBatch) {
                        pruner[0] = InfoBatchTrain.fit(trainer, EPOCHS, train, validate);
                    } else {
                        EasyTrain.fit(trainer, EPOCHS, train, validate);
                    }
                },
                -1,
                listeners);
        return pruner[0];
    }

    /**
     * Trains the small MLP with InfoBatch on data where one sample's input is NaN.
     *
     * @param nanRow the index of the sample whose first feature is NaN
     * @param listeners listeners to add after DJL's defaults
     * @return the pruner
     * @throws Exception if training fails
     */
    public static InfoBatch trainWithNaNSample(int nanRow, TrainingListener... listeners)
            throws Exception {
        InfoBatch[] pruner = new InfoBatch[1];
        train(
                (trainer, train, validate) ->
                        pruner[0] = InfoBatchTrain.fit(trainer, EPOCHS, train, validate),
                nanRow,
                listeners);
        return pruner[0];
    }

    /**
     * Trains a small MLP on half the data per epoch with a DREAM sampler that clusters (4 per
     * class) on an embedding counted as a forward pass, re-clustering every 2 epochs.
     *
     * @param listeners listeners to add after DJL's defaults
     * @return the sampler
     * @throws Exception if training fails
     */
    public static DreamSampler trainDream(TrainingListener... listeners) throws Exception {
        DreamSampler[] sampler = new DreamSampler[1];
        train(
                (trainer, train, validate) -> {
                    Clustering clusters =
                            Clustering.builder()
                                    .setDataset(train)
                                    .setEmbedder(Embedder.of("identity", NDList::head))
                                    .optClustersPerClass(4)
                                    .optInterval(2)
                                    .build();
                    sampler[0] =
                            DreamSampler.builder().setClusters(clusters).optBudget(0.5).build();
                    DreamTrain.fit(trainer, EPOCHS, train, validate, sampler[0]);
                },
                -1,
                listeners);
        return sampler[0];
    }

    /** How a test trains the prepared trainer. */
    private interface Fit {
        void fit(Trainer trainer, ArrayDataset train, ArrayDataset validate) throws Exception;
    }

    private static void train(Fit fit, int nanRow, TrainingListener... listeners) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("mlp")) {
            Random random = new Random(7);
            float[] x = new float[SIZE * 4];
            float[] y = new float[SIZE];
            for (int i = 0; i < SIZE; i++) {
                int label = random.nextInt(3);
                y[i] = label;
                for (int f = 0; f < 4; f++) {
                    x[i * 4 + f] = (f == label ? 1.5f : 0f) + (float) random.nextGaussian();
                }
            }
            if (nanRow >= 0) {
                x[nanRow * 4] = Float.NaN;
            }
            NDArray data = manager.create(x, new Shape(SIZE, 4));
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(data)
                            .optLabels(manager.create(y))
                            .setSampling(64, true)
                            .build();
            ArrayDataset validate =
                    new ArrayDataset.Builder()
                            .setData(data.get("0:256"))
                            .optLabels(manager.create(y).get("0:256"))
                            .setSampling(64, false)
                            .build();
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build()));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new Accuracy())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(0.01f))
                                            .build())
                            .addTrainingListeners(TrainingListener.Defaults.basic())
                            .addTrainingListeners(listeners);
            Engine.getInstance().setRandomSeed(3);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(64, 4));
                fit.fit(trainer, train, validate);
            }
        }
    }
}
