package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The InfoBatch training loss: the batch mean of {@code w_i * l_i} over per-sample losses {@code
 * l_i} and weights {@code w_i}.
 *
 * <p>A row whose loss is not finite (NaN or infinite) is left out: the mean is taken over the rows
 * with a finite loss only (the sum of their {@code w_i * l_i} divided by their count), so it stays
 * an unbiased estimate of the mean loss of the healthy samples, and the left-out row's loss gets a
 * gradient of exactly 0. A batch without a finite loss has the mean 0. (Its NaN can still reach the
 * parameters through the network's own backward pass when the NaN came from the row's input: the
 * training loop therefore forwards such a batch again without the row, see {@code PrunedTraining}.)
 */
public final class WeightedLoss {

    private final PerSampleLoss loss;

    /**
     * Creates a weighted loss over a per-sample loss.
     *
     * @param loss the per-sample loss, e.g. {@code PerSampleLosses.of(trainer.getLoss())}
     */
    public WeightedLoss(PerSampleLoss loss) {
        this.loss = loss;
    }

    /**
     * Evaluates the per-sample losses of a batch and their weighted mean.
     *
     * @param labels the batch's labels
     * @param predictions the model's predictions for the batch
     * @param weights the loss weight of each row, shape (rows)
     * @return the weighted mean over the finite rows to back-propagate, and the per-sample losses
     *     to score with
     */
    public Result evaluate(NDList labels, NDList predictions, NDArray weights) {
        NDArray perSample = PerSampleLosses.evaluatePerSample(loss, labels, predictions);
        Shape expected = weights.getShape();
        if (!perSample.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "Loss "
                            + loss.getClass().getName()
                            + " returned per-sample losses of shape "
                            + perSample.getShape()
                            + " for a batch of "
                            + expected.get(0)
                            + " rows; it must return one value per row, shape "
                            + expected
                            + " (check that labels and predictions have the same batch size).");
        }
        NDArray sameType =
                weights.getDataType() == perSample.getDataType()
                        ? weights
                        : weights.toType(perSample.getDataType(), false);
        return new Result(finiteMean(perSample.mul(sameType), perSample), perSample);
    }

    /**
     * The mean of the weighted losses over the rows whose loss is finite; 0 when none is. The
     * selection is a {@code where}, so a non-finite row gets a gradient of exactly 0 (a
     * multiplication by a 0/1 mask would give it {@code NaN * 0 = NaN}).
     */
    private static NDArray finiteMean(NDArray weighted, NDArray perSample) {
        NDArray finite = perSample.isNaN().logicalOr(perSample.isInfinite()).logicalNot();
        NDArray kept = NDArrays.where(finite, weighted, weighted.zerosLike());
        NDArray rows = finite.toType(weighted.getDataType(), false).sum().maximum(1);
        return kept.sum().div(rows);
    }

    /**
     * The outcome of one evaluation.
     *
     * @param weightedMean the scalar {@code mean(w_i * l_i)} over the rows with a finite loss, to
     *     back-propagate
     * @param perSample the unweighted per-sample losses, shape (rows)
     */
    public record Result(NDArray weightedMean, NDArray perSample) {

        /**
         * Returns the unweighted per-sample losses as floats, detached from the graph, to record as
         * scores.
         *
         * @return one loss per row
         */
        public float[] scores() {
            NDArray values =
                    perSample.getDataType() == DataType.FLOAT32
                            ? perSample
                            : perSample.toType(DataType.FLOAT32, false);
            return values.toFloatArray();
        }
    }
}
