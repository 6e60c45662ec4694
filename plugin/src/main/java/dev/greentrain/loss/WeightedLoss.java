package dev.greentrain.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The InfoBatch training loss: the batch mean of {@code w_i * l_i} over per-sample losses {@code
 * l_i} and weights {@code w_i}.
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
     * @return the weighted mean to back-propagate and the per-sample losses to score with
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
        return new Result(perSample.mul(sameType).mean(), perSample);
    }

    /**
     * The outcome of one evaluation.
     *
     * @param weightedMean the scalar {@code mean(w_i * l_i)} to back-propagate
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
