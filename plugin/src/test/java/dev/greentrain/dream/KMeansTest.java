package dev.greentrain.dream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.SplitMix64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest extends ManagedTest {

    /**
     * {@code blobs} well-separated Gaussian blobs of {@code perBlob} points in {@code dim} dims.
     */
    static float[] blobs(int blobs, int perBlob, int dim, long seed) {
        Random random = new Random(seed);
        float[] x = new float[blobs * perBlob * dim];
        for (int b = 0; b < blobs; b++) {
            for (int p = 0; p < perBlob; p++) {
                for (int d = 0; d < dim; d++) {
                    float centre = (d == b % dim) ? 20f * (1 + b / dim) : 0f;
                    x[((b * perBlob) + p) * dim + d] = centre + (float) random.nextGaussian();
                }
            }
        }
        return x;
    }

    @Test
    void recoversSeparableBlobs() {
        int blobs = 5;
        int perBlob = 60;
        float[] x = blobs(blobs, perBlob, 4, 1);
        KMeans.Result result =
                KMeans.cluster(manager, x, blobs * perBlob, 4, blobs, 20, new SplitMix64(3));
        Set<Integer> labels = new HashSet<>();
        for (int b = 0; b < blobs; b++) {
            int label = result.assignment()[b * perBlob];
            labels.add(label);
            for (int p = 0; p < perBlob; p++) {
                assertEquals(label, result.assignment()[b * perBlob + p], "blob " + b);
            }
            // points of a unit Gaussian in 4-D lie within ~5^2 of their centre
            for (int p = 0; p < perBlob; p++) {
                assertTrue(result.distance()[b * perBlob + p] < 30f);
            }
        }
        assertEquals(blobs, labels.size(), "every blob is its own cluster");
        assertTrue(result.iterations() < 20, "converged before the iteration limit");
    }

    @Test
    void sameSeedSameResultOtherSeedMayDiffer() {
        float[] x = blobs(3, 50, 3, 7);
        // more clusters than blobs, so the k-means++ draws decide the split
        KMeans.Result a = KMeans.cluster(manager, x, 150, 3, 8, 20, new SplitMix64(11));
        KMeans.Result b = KMeans.cluster(manager, x, 150, 3, 8, 20, new SplitMix64(11));
        assertArrayEquals(a.assignment(), b.assignment());
        assertArrayEquals(a.centroids(), b.centroids());
        assertArrayEquals(a.distance(), b.distance());
    }

    @Test
    void emptyClusterIsReseededAtTheFarthestPoint() {
        // two distinct values only: the third k-means++ seed duplicates one of the first two, so
        // one cluster starts empty (ties go to the lower cluster) and must be re-seeded
        float[] x = {0, 0, 0, 0, 0, 0, 10, 10, 10, 10};
        KMeans.Result result = KMeans.cluster(manager, x, 10, 1, 3, 5, new SplitMix64(1));
        assertTrue(result.reseeded() > 0);
        for (float c : result.centroids()) {
            assertTrue(Float.isFinite(c));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(0f, result.distance()[i], 1e-4f);
        }
    }

    @Test
    void moreClustersThanPointsIsAClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> KMeans.cluster(manager, new float[6], 3, 2, 4, 5, new SplitMix64(1)));
        assertTrue(e.getMessage().contains("k = 4"), e.getMessage());
    }
}
