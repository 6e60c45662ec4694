package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaxMinTest {

    @Test
    void addsTheSampleFarthestFromTheChosenOnes() {
        // x = 0, 1, 2, 10, 4 from 0: 10 is farthest; then 4 (min distance 4 beats 2 and 1).
        LabelledFeatures features = Points.line(new float[] {0, 1, 2, 10, 4}, 0, 0, 0, 0, 0);
        int[] members = {0, 1, 2, 3, 4};
        assertArrayEquals(new int[] {0, 3, 4}, MaxMin.farthestPoints(features, members, 3, 0));
    }

    @Test
    void aTieGoesToTheLowestIndex() {
        LabelledFeatures features = Points.line(new float[] {0, -1, 1}, 0, 0, 0);
        assertArrayEquals(
                new int[] {0, 1}, MaxMin.farthestPoints(features, new int[] {0, 1, 2}, 2, 0));
    }

    @Test
    void selectsPerClassFromTheClassOnly() {
        LabelledFeatures features =
                Points.line(new float[] {0, 5, 100, 101, 200, 300}, 0, 0, 1, 1, 1, 1);
        Selection selection = new MaxMin().select(features, 0.5, 1);
        int[] indices = selection.indices();
        assertEquals(3, indices.length); // floor(0.5*2) + floor(0.5*4)
        int classOne = 0;
        for (int index : indices) {
            classOne += features.label(index);
        }
        assertEquals(2, classOne);
    }
}
