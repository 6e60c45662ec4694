package dev.greentrain.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.types.Shape;
import dev.greentrain.dream.Embedder;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RepresentativesTest extends ManagedTest {

    @Test
    void nearestRowPerCentroid() {
        // rows: 0 (0,0), 1 (4,0), 2 (0,5), 3 (10,10), 4 (9,9)
        float[] rows = {0, 0, 4, 0, 0, 5, 10, 10, 9, 9};
        // centroid (3,1) is nearest row 1; (8,8) nearest row 4; (0,3) nearest row 2
        float[] centroids = {3, 1, 8, 8, 0, 3};
        assertArrayEquals(
                new int[] {1, 4, 2}, Representatives.nearest(manager, rows, 5, 2, centroids, 3));
    }

    @Test
    void dreamPicksTheSampleNearestEachClustersCentre() {
        // class 1 holds two tight clusters of 2-pixel images around (0, 0) and (10, 10); the
        // member at each exact centre is the sample nearest its centroid
        float[] class1 = {
            0.3f, 0, 10, 10.2f, -0.3f, 0, 0, 0, 9.8f, 10, 10, 10, 0, 0.2f, 10.2f, 10, 0, -0.2f, 10,
            9.8f
        };
        float[] pixels = new float[20 + class1.length];
        System.arraycopy(class1, 0, pixels, 20, class1.length);
        int[] labels = new int[20];
        Arrays.fill(labels, 10, 20, 1);
        LabelledImages data =
                LabelledImages.of(manager.create(pixels, new Shape(20, 1, 1, 2)), labels, 2);
        // class 1 = dataset rows 10..19; row 13 = (0, 0), row 15 = (10, 10)
        int[] picks =
                Representatives.select(manager, data, 1, 2, Embedder.rawInput(), new SplitMix64(4));
        Arrays.sort(picks);
        assertArrayEquals(new int[] {13, 15}, picks);
    }
}
