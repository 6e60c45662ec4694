package dev.greentrain.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import dev.greentrain.dream.Embedder;
import java.util.List;

/**
 * One distribution-matching step's pieces: the fresh frozen network and the gradient of the summed
 * class losses with respect to the synthetic pixels only.
 */
final class Matching {

    private Matching() {}

    /** Returns a ConvNet initialised from an engine seed, its parameters frozen. */
    static SequentialBlock freshNetwork(
            NDManager manager, int width, int classes, Shape imageShape, int engineSeed) {
        SequentialBlock net = ConvNet.create(width, classes);
        Engine.getInstance().setRandomSeed(engineSeed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(imageShape));
        net.freezeParameters(true);
        return net;
    }

    /**
     * Returns the gradient of {@code sum_c classLoss(embed(aug_c(real_c)), embed(aug_c(syn_c)))}
     * with respect to the synthetic pixels; {@code lossOut[0]} receives the loss.
     *
     * @param manager the manager for temporaries
     * @param embedder the network's feature extractor
     * @param reals the real batch of every class, (n_c, C, H, W), left unchanged
     * @param pixels the synthetic images, class by class, row-major (N, C, H, W), left unchanged
     * @param imageShape (C, H, W)
     * @param perClass the synthetic images per class
     * @param draws the augmentation of every class
     * @param lossOut an array of length at least 1
     * @return the gradient, same layout as {@code pixels}
     */
    static float[] gradient(
            NDManager manager,
            Embedder embedder,
            List<NDArray> reals,
            float[] pixels,
            Shape imageShape,
            int perClass,
            List<Augmentation> draws,
            float[] lossOut) {
        int imageSize = (int) imageShape.size();
        NDArray synthetic =
                manager.create(pixels, new Shape(pixels.length / imageSize).addAll(imageShape));
        synthetic.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (int c = 0; c < reals.size(); c++) {
                Augmentation draw = draws.get(c);
                NDArray realEmbedding =
                        embedder.embed(new NDList(Augmenter.apply(reals.get(c), draw)))
                                .stopGradient();
                NDArray own = synthetic.get(new NDIndex("{}:{}", c * perClass, (c + 1) * perClass));
                NDArray syntheticEmbedding = embedder.embed(new NDList(Augmenter.apply(own, draw)));
                NDArray classLoss =
                        DistributionMatching.classLoss(realEmbedding, syntheticEmbedding);
                total = total == null ? classLoss : total.add(classLoss);
            }
            collector.backward(total);
            lossOut[0] = total.getFloat();
        }
        return synthetic.getGradient().toFloatArray();
    }
}
