package dev.greentrain.samples.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    private static final Shape INPUT = new Shape(2, 1, 28, 28);

    @Test
    void smallCnnMapsImagesToTenLogits() {
        checkLogits(Models.smallCnn());
    }

    @Test
    void mlpMapsImagesToTenLogits() {
        checkLogits(Models.mlp());
    }

    private static void checkLogits(SequentialBlock block) {
        List<Block> children = block.getChildren().values();
        assertInstanceOf(Linear.class, children.get(children.size() - 1));
        try (Model model = Model.newInstance("models-test", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);

            assertEquals(new Shape(2, 10), block.getOutputShapes(new Shape[] {INPUT})[0]);
            NDArray input = model.getNDManager().randomUniform(0f, 1f, INPUT);
            NDList output =
                    block.forward(
                            new ParameterStore(model.getNDManager(), false),
                            new NDList(input),
                            false);
            assertEquals(new Shape(2, 10), output.singletonOrThrow().getShape());
            assertEquals(DataType.FLOAT32, output.singletonOrThrow().getDataType());
        }
    }
}
