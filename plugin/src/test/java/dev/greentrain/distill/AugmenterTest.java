package dev.greentrain.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.greentrain.dream.ManagedTest;
import dev.greentrain.pruning.SplitMix64;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest extends ManagedTest {

    @Test
    void batchAndHostVersionsAgreeForEveryTransform() {
        float[] image = TinyImages.pixels(1, 1, 6, 2);
        Set<Augmentation.Kind> seen = EnumSet.noneOf(Augmentation.Kind.class);
        SplitMix64 random = new SplitMix64(5);
        while (seen.size() < Augmentation.Kind.values().length) {
            Augmentation draw = Augmentation.draw(random, 6, 6);
            seen.add(draw.kind());
            NDArray batch = manager.create(image, new Shape(1, 1, 6, 6));
            float[] host = image.clone();
            Augmenter.applyInPlace(host, 1, 6, 6, draw);
            assertArrayEquals(
                    host, Augmenter.apply(batch, draw).toFloatArray(), 1e-5f, draw.toString());
        }
    }

    @Test
    void translationShiftsWithZeroFillAndFlipMirrors() {
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] shifted = image.clone();
        Augmenter.applyInPlace(
                shifted,
                1,
                3,
                3,
                new Augmentation(Augmentation.Kind.CROP, 0, 0, 0, 1, -1, 0, 0, false, 1, 1, 0));
        // out(i, j) = in(i + 1, j - 1), zero outside
        assertArrayEquals(new float[] {0, 4, 5, 0, 7, 8, 0, 0, 0}, shifted);
        float[] flipped = image.clone();
        Augmenter.applyInPlace(
                flipped,
                1,
                3,
                3,
                new Augmentation(Augmentation.Kind.FLIP, 0, 0, 0, 0, 0, 0, 0, true, 1, 1, 0));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, flipped);
        float[] scaled = image.clone();
        Augmenter.applyInPlace(
                scaled,
                1,
                3,
                3,
                new Augmentation(Augmentation.Kind.SCALE, 0, 0, 0, 0, 0, 0, 0, false, 1, 1, 0));
        assertArrayEquals(image, scaled, 1e-6f, "scale 1 is the identity");
        assertEquals(14, Augmentation.cutoutSize(28));
    }
}
