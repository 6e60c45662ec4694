package dev.greentrain.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
