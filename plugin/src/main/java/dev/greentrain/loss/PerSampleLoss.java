package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A loss that can report one loss value per sample of a batch, like PyTorch's {@code
 * reduction='none'}.
 *
 * <p>Implement this on your own {@link ai.djl.training.loss.Loss} to make it usable for per-sample
 * data pruning (InfoBatch). The returned values are unweighted by any per-sample weight, but they
 * include the loss's own constructor {@code weight} factor exactly as the DJL loss applies it, so
 * that {@code evaluatePerSample(labels, predictions).mean()} equals the scalar loss.
 */
public interface PerSampleLoss {

    /**
     * Returns the loss of every sample in the batch, shape (B): exactly one value per row of the
     * predictions (batch axis 0), never (B, 1).
     *
     * @param labels the labels of the batch
     * @param predictions the predictions of the batch, batch on axis 0
     * @return a 1-D array with one loss value per sample, shape (B)
     */
    NDArray evaluatePerSample(NDList labels, NDList predictions);
}
