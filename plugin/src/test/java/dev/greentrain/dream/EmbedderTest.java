package dev.greentrain.dream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedderTest extends ManagedTest {

    private SequentialBlock mlp() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(6).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        return block;
    }

    private ArrayDataset dataset(float[] labels) {
        int n = labels.length;
        return new ArrayDataset.Builder()
                .setData(manager.randomNormal(new Shape(n, 2, 2)))
                .optLabels(manager.create(labels))
                .setSampling(8, false)
                .build();
    }

    @Test
    void featuresRunEveryChildButTheLastInInferenceMode() {
        SequentialBlock block = mlp();
        NDArray x = manager.randomNormal(new Shape(5, 4));
        NDArray features = Embedder.features(block).embed(new NDList(x));
        assertArrayEquals(new long[] {5, 6}, features.getShape().getShape());
        List<Block> children = block.getChildren().values();
        ParameterStore store = new ParameterStore(manager, false);
        NDList expected = new NDList(x);
        for (Block child : children.subList(0, 2)) {
            expected = child.forward(store, expected, false);
        }
        assertArrayEquals(expected.head().toFloatArray(), features.toFloatArray(), 1e-6f);
    }

    @Test
    void subBlockIsFoundByNameAndRawInputIsFlattened() {
        SequentialBlock backbone = mlp();
        String first = backbone.getChildren().keys().get(0);
        NDArray x = manager.randomNormal(new Shape(3, 4));
        NDArray out = Embedder.subBlock(backbone, first).embed(new NDList(x));
        assertArrayEquals(new long[] {3, 6}, out.getShape().getShape());
        NDArray raw = Embedder.rawInput().embed(new NDList(manager.zeros(new Shape(3, 2, 5))));
        assertArrayEquals(new long[] {3, 10}, raw.getShape().getShape());
        assertTrue(!Embedder.rawInput().forwardsModel());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Embedder.subBlock(backbone, "missing"));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains(first));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Embedder.features(new ParallelBlock(list -> list.get(0))));
        assertTrue(e.getMessage().contains("subBlock"), e.getMessage());
    }

    @Test
    void embeddingPassCoversEverySampleAndCountsForwardPasses() throws Exception {
        ArrayDataset dataset = dataset(new float[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0});
        DatasetEmbedding pass =
                new DatasetEmbedding(Embedder.of("flat", Embedder.rawInput()::embed), 5);
        Embeddings embeddings = pass.embed(manager, dataset);
        assertEquals(13, embeddings.rows());
        assertEquals(4, embeddings.dim());
        assertEquals(13, pass.getForwardPasses());
        NDArray second = dataset.get(manager, 7).getData().head();
        float[] row = new float[4];
        System.arraycopy(embeddings.data(), 7 * 4, row, 0, 4);
        assertArrayEquals(second.toFloatArray(), row);
        pass.embed(manager, dataset);
        assertEquals(26, pass.getForwardPasses());
    }

    @Test
    void labelsMustBeClassIds() throws Exception {
        assertArrayEquals(
                new int[] {2, 0, 1},
                DatasetEmbedding.readLabels(manager, dataset(new float[] {2, 0, 1})));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DatasetEmbedding.readLabels(manager, dataset(new float[] {1, 0.5f})));
        assertTrue(e.getMessage().contains("sample 1") && e.getMessage().contains("0.5"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DatasetEmbedding.readLabels(manager, dataset(new float[] {-1, 0})));
        assertTrue(e.getMessage().contains("sample 0"), e.getMessage());
    }
}
