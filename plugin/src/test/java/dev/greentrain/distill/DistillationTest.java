package dev.greentrain.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dev.greentrain.dream.ManagedTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DistillationTest extends ManagedTest {

    @TempDir Path directory;

    private Distillation.Builder tiny(ArrayDataset data, RealBatchSampler sampler) {
        return Distillation.builder()
                .setDataset(data)
                .setImagesPerClass(2)
                .setIterations(4)
                .optClasses(3)
                .optSampler(sampler)
                .optRealBatchSize(3)
                .optInterval(3)
                .optWidth(4)
                .optSeed(11);
    }

    @Test
    void distillingChangesOnlyTheSyntheticImagesAndStartsFromRealOnes() throws Exception {
        float[] realPixels = TinyImages.pixels(3, 8, 8, 5);
        ArrayDataset data = TinyImages.dataset(manager, 3, 8, 8, 5);
        List<DistilledSet> seen = new ArrayList<>();
        DistilledSet result =
                tiny(data, RealBatchSampler.RANDOM)
                        .optListener(
                                new DistillationListener() {
                                    @Override
                                    public void onStart(Progress start) {
                                        seen.add(start.current());
                                    }
                                })
                        .build()
                        .run(manager);

        DistilledSet initial = seen.get(0);
        assertEquals(6, result.size());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, result.labels());
        for (int i = 0; i < 6; i++) {
            float[] image = Arrays.copyOfRange(initial.pixels(), i * 64, (i + 1) * 64);
            assertTrue(
                    isImageOfClass(realPixels, image, initial.labels()[i]),
                    "synthetic image " + i + " starts as a real image of its class");
        }
        assertFalse(Arrays.equals(initial.pixels(), result.pixels()), "the images were learnt");
        NDArray dataAfter = data.get(manager, 0).getData().head();
        assertArrayEquals(Arrays.copyOf(realPixels, 64), dataAfter.toFloatArray());
    }

    private static boolean isImageOfClass(float[] real, float[] image, int c) {
        for (int j = c * 8; j < (c + 1) * 8; j++) {
            if (Arrays.equals(Arrays.copyOfRange(real, j * 64, (j + 1) * 64), image)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void resumedRunEqualsAnUninterruptedOne() throws Exception {
        for (RealBatchSampler sampler : RealBatchSampler.values()) {
            ArrayDataset data = TinyImages.dataset(manager, 3, 8, 8, 5);
            DistilledSet whole =
                    tiny(data, sampler)
                            .optCheckpoint(directory.resolve(sampler + "-whole.ckpt"), 2)
                            .build()
                            .run(manager);
            Path checkpoint = directory.resolve(sampler + "-parts.ckpt");
            tiny(data, sampler).setIterations(2).optCheckpoint(checkpoint, 1).build().run(manager);
            assertTrue(Files.exists(checkpoint));
            List<DistillationListener.Progress> resumedAt = new ArrayList<>();
            DistilledSet resumed =
                    tiny(data, sampler)
                            .optCheckpoint(checkpoint, 1)
                            .optListener(
                                    new DistillationListener() {
                                        @Override
                                        public void onStart(Progress start) {
                                            resumedAt.add(start);
                                        }
                                    })
                            .build()
                            .run(manager);
            assertEquals(1, resumedAt.size());
            DistillationListener.Progress start = resumedAt.get(0);
            assertEquals(2, start.iteration(), sampler + " resumes after iteration 2");
            assertTrue(Float.isNaN(start.loss()), "no loss before an iteration runs");
            // the checkpoint's counts: 2 iterations x 3 classes x 3 real, x 2 synthetic images
            assertEquals(18, start.realForwards(), sampler + " real forward passes so far");
            assertEquals(12, start.syntheticForwards(), sampler + " synthetic passes so far");
            assertArrayEquals(whole.pixels(), resumed.pixels(), 1e-5f, sampler.toString());
        }
    }

    /** Asserts that the action is refused with a message holding every fragment. */
    private static void assertRefused(Executable action, String... fragments) {
        String message = assertThrows(IllegalArgumentException.class, action).getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' in: " + message);
        }
    }

    @Test
    void checkpointFromOtherSettingsIsRefused() throws Exception {
        ArrayDataset data = TinyImages.dataset(manager, 3, 8, 8, 5);
        Path checkpoint = directory.resolve("run.ckpt");
        tiny(data, RealBatchSampler.RANDOM)
                .setIterations(1)
                .optCheckpoint(checkpoint, 1)
                .build()
                .run(manager);
        assertRefused(
                () ->
                        tiny(data, RealBatchSampler.DREAM)
                                .optCheckpoint(checkpoint, 1)
                                .build()
                                .run(manager),
                checkpoint.toString(),
                "sampler=RANDOM",
                "sampler=DREAM",
                "another output directory");
    }

    @Test
    void moreImagesPerClassThanAClassHasIsRefused() {
        ArrayDataset data = TinyImages.dataset(manager, 3, 8, 8, 5);
        assertRefused(
                () -> tiny(data, RealBatchSampler.RANDOM).setImagesPerClass(9).build().run(manager),
                "imagesPerClass 9",
                "has 8 images",
                "lower imagesPerClass");
    }

    @Test
    void zeroIterationsIsRefused() {
        ArrayDataset data = TinyImages.dataset(manager, 3, 8, 8, 5);
        assertRefused(
                () -> tiny(data, RealBatchSampler.RANDOM).setIterations(0).build(),
                "iterations 0 is invalid: it must be at least 1");
    }

    @Test
    void dataWithoutLabelsIsRefused() {
        ArrayDataset unlabelled =
                new ArrayDataset.Builder()
                        .setData(manager.zeros(new Shape(6, 1, 8, 8)))
                        .setSampling(2, false)
                        .build();
        assertRefused(
                () -> tiny(unlabelled, RealBatchSampler.RANDOM).build().run(manager),
                "has no labels",
                "optLabels");
    }

    @Test
    void unwritableCheckpointDirectoryIsRefusedAtBuild() throws Exception {
        Path blocker = Files.writeString(directory.resolve("a-file"), "x");
        Path checkpoint = blocker.resolve("out").resolve("run.ckpt");
        ArrayDataset data = TinyImages.dataset(manager, 3, 8, 8, 5);
        assertRefused(
                () -> tiny(data, RealBatchSampler.RANDOM).optCheckpoint(checkpoint, 1).build(),
                checkpoint.getParent().toString(),
                "cannot be written",
                "another directory");
    }
}
