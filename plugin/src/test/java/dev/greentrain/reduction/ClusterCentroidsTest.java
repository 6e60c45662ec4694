package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCentroidsTest {

    @Test
    void returnsOneSyntheticMeanPerClusterWithTheClassLabel() {
        LabelledFeatures features =
                Points.of(
                        new float[][] {{0, 0}, {0, 2}, {10, 0}, {10, 2}, {50, 50}, {52, 50}},
                        0,
                        0,
                        0,
                        0,
                        1,
                        1);
        Selection selection = new ClusterCentroids().select(features, 0.5, 3);
        assertTrue(selection.isSynthetic());
        assertEquals(3, selection.size()); // k = floor(0.5*4) = 2 and floor(0.5*2) = 1
        List<String> points = new ArrayList<>();
        for (int g = 0; g < selection.size(); g++) {
            float[] p = selection.points();
            points.add(selection.label(g) + ":" + p[2 * g] + "," + p[2 * g + 1]);
        }
        assertTrue(points.contains("0:0.0,1.0"), points.toString());
        assertTrue(points.contains("0:10.0,1.0"), points.toString());
        assertTrue(points.contains("1:51.0,50.0"), points.toString());
    }

    @Test
    void groupsListEveryNonEmptyClustersMembers() {
        List<int[]> groups =
                ClusterCentroids.groupsOf(new int[] {2, 0, 2, 0}, new int[] {5, 6, 7, 8}, 3);
        assertEquals(2, groups.size()); // cluster 1 is empty
        assertArrayEquals(new int[] {6, 8}, groups.get(0));
        assertArrayEquals(new int[] {5, 7}, groups.get(1));
    }
}
