package dev.greentrain.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class WeightedLossTest {

    @Test
    void weightedMeanOfHandComputedLosses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // L2 per sample: 0.5 * (label - prediction)^2 -> 0.5, 2.0, 0.0
            WeightedLoss loss = new WeightedLoss(new PerSampleL2Loss());
            NDList labels = new NDList(manager.create(new float[] {1, 2, 3}));
            NDList predictions = new NDList(manager.create(new float[] {0, 0, 3}));
            NDArray weights = manager.create(new float[] {2, 1, 2});
            WeightedLoss.Result result = loss.evaluate(labels, predictions, weights);
            assertArrayEquals(new float[] {0.5f, 2f, 0f}, result.scores(), 1e-6f);
            // (2 * 0.5 + 1 * 2.0 + 2 * 0.0) / 3 = 1.0
            assertEquals(1.0f, result.weightedMean().getFloat(), 1e-6f);
        }
    }

    @Test
    void nonFiniteRowsAreLeftOutOfTheMeanWithAGradientOfExactlyZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // L1 per sample with labels 0: the loss of a row is |prediction|, its gradient sign(p)
            WeightedLoss loss = new WeightedLoss(new PerSampleL1Loss());
            float[] values = {1f, Float.NaN, 3f, Float.POSITIVE_INFINITY, 2f};
            float[] w = {2f, 1f, 1f, 2f, 0.5f};
            NDArray predictions = manager.create(values);
            predictions.setRequiresGradient(true);
            NDList labels = new NDList(manager.zeros(new Shape(5)));
            NDArray weights = manager.create(w);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                WeightedLoss.Result result =
                        loss.evaluate(labels, new NDList(predictions), weights);
                // finite rows 0, 2, 4: (2 * 1 + 1 * 3 + 0.5 * 2) / 3 = 2
                assertEquals(2f, result.weightedMean().getFloat(), 1e-6f);
                collector.backward(result.weightedMean());
            }
            float[] gradient = predictions.getGradient().toFloatArray();
            assertArrayEquals(new float[] {2f / 3, 0f, 1f / 3, 0f, 0.5f / 3}, gradient, 1e-6f);
            // numerically: a finite difference on each finite row matches its gradient
            float eps = 1e-2f;
            for (int row : new int[] {0, 2, 4}) {
                float[] moved = values.clone();
                moved[row] += eps;
                float after =
                        loss.evaluate(labels, new NDList(manager.create(moved)), weights)
                                .weightedMean()
                                .getFloat();
                assertEquals(gradient[row], (after - 2f) / eps, 1e-3f, "row " + row);
            }
        }
    }

    @Test
    void aBatchWithoutAFiniteLossHasTheMeanZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WeightedLoss loss = new WeightedLoss(new PerSampleL1Loss());
            NDList labels = new NDList(manager.zeros(new Shape(2)));
            NDList predictions = new NDList(manager.create(new float[] {Float.NaN, Float.NaN}));
            WeightedLoss.Result result =
                    loss.evaluate(labels, predictions, manager.ones(new Shape(2)));
            assertEquals(0f, result.weightedMean().getFloat());
        }
    }

    @Test
    void lossAndLabelSizesThatDisagreeGiveAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PerSampleLoss perRowPlusOne =
                    (labels, predictions) -> manager.zeros(new Shape(labels.head().size() + 1));
            WeightedLoss loss = new WeightedLoss(perRowPlusOne);
            NDList labels = new NDList(manager.create(new float[] {1, 2, 3}));
            NDList predictions = new NDList(manager.create(new float[] {0, 0, 3}));
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> loss.evaluate(labels, predictions, manager.ones(new Shape(3))));
            assertTrue(e.getMessage().contains("one value per row"), e.getMessage());

            PerSampleLoss columnVector = (l, p) -> manager.zeros(new Shape(l.head().size(), 1));
            IllegalStateException column =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    new WeightedLoss(columnVector)
                                            .evaluate(
                                                    labels,
                                                    new NDList(manager.zeros(new Shape(3, 2))),
                                                    manager.ones(new Shape(3))));
            assertTrue(column.getMessage().contains("(3, 1)"), column.getMessage());
        }
    }

    @Test
    void predictionsOfAnotherBatchSizeThanTheRowsGiveAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WeightedLoss loss = new WeightedLoss(new PerSampleL2Loss());
            NDList labels = new NDList(manager.create(new float[] {1, 2}));
            NDList predictions = new NDList(manager.create(new float[] {0, 0}));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> loss.evaluate(labels, predictions, manager.ones(new Shape(3))));
            assertTrue(e.getMessage().contains("for a batch of 3 rows"), e.getMessage());
        }
    }
}
