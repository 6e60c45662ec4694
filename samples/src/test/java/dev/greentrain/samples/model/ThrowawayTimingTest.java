package dev.greentrain.samples.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.greentrain.samples.data.FashionMnist;
import org.junit.jupiter.api.Test;

class ThrowawayTimingTest {

    public static void main(String[] args) throws Exception {
        new ThrowawayTimingTest().time();
    }

    @Test
    void time() throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                try (NDManager sub = m.newSubManager()) {
                    FashionMnist.builder().setSampling(128, true).build(sub);
                }
                System.out.printf("load train: %d ms%n", (System.nanoTime() - t) / 1_000_000);
            }
        }
        String which = System.getProperty("net", "smallCnn");
        int epochs = Integer.getInteger("epochs", 2);
        Block block =
                switch (which) {
                    case "smallCnn" -> Models.smallCnn();
                    case "mlp" -> Models.mlp();
                    case "tiny" -> tiny();
                    default -> throw new IllegalArgumentException(which);
                };
        try (Model model = Model.newInstance(which, "PyTorch")) {
            model.setBlock(block);
            NDManager mm = model.getNDManager();
            ArrayDataset train = FashionMnist.builder().setSampling(128, true).build(mm);
            ArrayDataset test =
                    FashionMnist.builder()
                            .optSplit(FashionMnist.Split.TEST)
                            .setSampling(1000, false)
                            .build(mm);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(1e-3f))
                                            .build())
                            .addEvaluator(new Accuracy())
                            .addTrainingListeners(TrainingListener.Defaults.basic());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(128, 1, 28, 28));
                for (int e = 1; e <= epochs; e++) {
                    long t = System.nanoTime();
                    EasyTrain.fit(trainer, 1, train, null);
                    long ms = (System.nanoTime() - t) / 1_000_000;
                    double acc = accuracy(model, test);
                    System.out.printf(
                            "%s epoch %d: %d ms, train acc %.4f, test acc %.4f%n",
                            which,
                            e,
                            ms,
                            trainer.getTrainingResult().getTrainEvaluation("Accuracy"),
                            acc);
                }
            }
        }
    }

    static double accuracy(Model model, ArrayDataset test) throws Exception {
        long correct = 0;
        long n = 0;
        for (Batch b : test.getData(model.getNDManager())) {
            try (NDManager s = model.getNDManager().newSubManager()) {
                NDArray logits =
                        model.getBlock()
                                .forward(new ParameterStore(s, false), b.getData(), false)
                                .singletonOrThrow();
                NDArray pred = logits.argMax(1).toType(DataType.FLOAT32, false);
                NDArray lab = b.getLabels().singletonOrThrow();
                correct += pred.eq(lab).sum().getLong();
                n += lab.size();
            }
            b.close();
        }
        return (double) correct / n;
    }

    static SequentialBlock tiny() {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(8)
                                .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(16)
                                .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }
}
