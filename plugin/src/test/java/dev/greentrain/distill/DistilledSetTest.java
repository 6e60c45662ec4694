package dev.greentrain.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import dev.greentrain.dream.ManagedTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistilledSetTest extends ManagedTest {

    @TempDir Path directory;

    @Test
    void savedSetLoadsBackAsATrainingDataset() throws Exception {
        float[] pixels = TinyImages.pixels(3, 2, 4, 1);
        DistilledSet set =
                new DistilledSet(pixels, new int[] {0, 0, 1, 1, 2, 2}, new Shape(1, 4, 4));
        Path file = directory.resolve("distilled.ndlist");

        set.save(file);
        DistilledSet loaded = DistilledSet.load(file);

        assertArrayEquals(pixels, loaded.pixels());
        assertArrayEquals(set.labels(), loaded.labels());
        assertEquals(new Shape(1, 4, 4), loaded.imageShape());
        ArrayDataset dataset = loaded.toDataset(manager, 6);
        assertEquals(6, dataset.size());
        float[] labelSum = new float[1];
        for (Batch batch : dataset.getData(manager)) {
            assertEquals(new Shape(6, 1, 4, 4), batch.getData().head().getShape());
            labelSum[0] += batch.getLabels().head().sum().getFloat();
            batch.close();
        }
        assertEquals(6f, labelSum[0], 0f, "labels 0+0+1+1+2+2");
    }

    @Test
    void loadingAFileThatIsNoDistilledSetSaysSo() throws IOException {
        Path missing = directory.resolve("missing.ndlist");
        IOException absent = assertThrows(IOException.class, () -> DistilledSet.load(missing));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
        Path garbage = Files.writeString(directory.resolve("garbage.ndlist"), "not arrays");
        IOException wrong = assertThrows(IOException.class, () -> DistilledSet.load(garbage));
        assertTrue(wrong.getMessage().contains(garbage.toString()), wrong.getMessage());
    }
}
