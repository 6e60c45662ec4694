package dev.greentrain.infobatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoBatchStateTest {

    private static final int SIZE = 3000;
    private static final int EPOCHS = 8;

    @TempDir Path dir;

    private static InfoBatch newInfoBatch() {
        return InfoBatch.builder()
                .setDatasetSize(SIZE)
                .setEpochs(EPOCHS)
                .optPruneRatio(0.6)
                .optDelta(0.8)
                .optSeed(99)
                .build();
    }

    /** Trains epochs [from, to) with losses that depend on the sample, the epoch and the order. */
    private static List<float[]> runEpochs(InfoBatch infoBatch, int from, int to) {
        List<float[]> planned = new ArrayList<>();
        for (int epoch = from; epoch < to; epoch++) {
            EpochPlan plan = infoBatch.nextEpoch();
            float[] record = new float[plan.size() * 2];
            for (int p = 0; p < plan.size(); p++) {
                int index = plan.indexAt(p);
                record[2 * p] = index;
                record[2 * p + 1] = plan.weightOf(index);
                float loss = (float) ((index * 37 % 101) / (10.0 * (epoch + 1)) + p * 1e-5);
                infoBatch.recordLosses(new long[] {index}, new float[] {loss});
            }
            planned.add(record);
        }
        return planned;
    }

    @Test
    void resumedRunContinuesExactlyAsTheUninterruptedRun() throws IOException {
        InfoBatch uninterrupted = newInfoBatch();
        List<float[]> expected = runEpochs(uninterrupted, 0, EPOCHS);

        InfoBatch first = newInfoBatch();
        runEpochs(first, 0, 3);
        Path file = dir.resolve("infobatch.state");
        first.save(file);

        InfoBatch resumed = newInfoBatch();
        resumed.load(file);
        assertEquals(3, resumed.getNextEpoch());
        assertEquals(first.getEpochStats(), resumed.getEpochStats());
        List<float[]> actual = runEpochs(resumed, 3, EPOCHS);
        for (int epoch = 3; epoch < EPOCHS; epoch++) {
            assertArrayEquals(expected.get(epoch), actual.get(epoch - 3), "epoch " + epoch);
        }
        for (int i = 0; i < SIZE; i++) {
            assertEquals(uninterrupted.getScore(i), resumed.getScore(i));
        }
        assertEquals(uninterrupted.getEpochStats(), resumed.getEpochStats());
    }

    @Test
    void currentPlanSurvivesSaveAndLoad() throws IOException {
        InfoBatch first = newInfoBatch();
        runEpochs(first, 0, 2);
        EpochPlan before = first.getCurrentPlan();
        Path file = dir.resolve("state.bin");
        first.save(file);
        InfoBatch loaded = newInfoBatch();
        loaded.load(file);
        EpochPlan after = loaded.getCurrentPlan();
        assertEquals(before.size(), after.size());
        for (int p = 0; p < before.size(); p++) {
            assertEquals(before.indexAt(p), after.indexAt(p));
        }
        for (int i = 0; i < SIZE; i++) {
            assertEquals(before.weightOf(i), after.weightOf(i));
        }
        assertEquals(before.getStats(), after.getStats());
    }

    @Test
    void stateOfAnotherDatasetSizeIsRefused() throws IOException {
        InfoBatch first = newInfoBatch();
        runEpochs(first, 0, 1);
        Path file = dir.resolve("state.bin");
        first.save(file);
        InfoBatch other =
                InfoBatch.builder()
                        .setDatasetSize(SIZE - 1)
                        .setEpochs(EPOCHS)
                        .optPruneRatio(0.6)
                        .optDelta(0.8)
                        .optSeed(99)
                        .build();
        IOException e = assertThrows(IOException.class, () -> other.load(file));
        assertTrue(e.getMessage().contains("3000 samples"), e.getMessage());
        assertTrue(e.getMessage().contains("2999"), e.getMessage());
    }

    @Test
    void stateOfOtherSettingsIsRefused() throws IOException {
        InfoBatch first = newInfoBatch();
        Path file = dir.resolve("state.bin");
        first.save(file);
        InfoBatch other = InfoBatch.builder().setDatasetSize(SIZE).setEpochs(EPOCHS).build();
        IOException e = assertThrows(IOException.class, () -> other.load(file));
        assertTrue(e.getMessage().contains("r=0.6"), e.getMessage());
    }

    @Test
    void truncatedOrForeignFilesAreRefused() throws IOException {
        InfoBatch first = newInfoBatch();
        runEpochs(first, 0, 1);
        Path file = dir.resolve("state.bin");
        first.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> newInfoBatch().load(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path foreign = dir.resolve("model.params");
        Files.writeString(foreign, "not a state file");
        e = assertThrows(IOException.class, () -> newInfoBatch().load(foreign));
        assertTrue(e.getMessage().contains("not an InfoBatch state file"), e.getMessage());
    }

    @Test
    void aCorruptFieldIsReportedBeforeAnythingIsAllocated() throws IOException {
        InfoBatch first = newInfoBatch();
        runEpochs(first, 0, 2);
        Path file = dir.resolve("state.bin");
        first.save(file);
        byte[] bytes = Files.readAllBytes(file);
        // header: magic, version, size, epochs (4 bytes each), r, delta, seed (8 each), epoch (4),
        // generator state (8), then SIZE scores of 4 bytes, then the epoch length
        int lengthOffset = 52 + 4 * SIZE;
        java.nio.ByteBuffer.wrap(bytes).putInt(lengthOffset, SIZE + 5);
        Path corrupt = dir.resolve("corrupt.bin");
        Files.write(corrupt, bytes);
        IOException e = assertThrows(IOException.class, () -> newInfoBatch().load(corrupt));
        assertTrue(
                e.getMessage().contains("epoch length is 3005, expected -1..3000"), e.getMessage());
    }

    @Test
    void saveLeavesNoTemporaryFiles() throws IOException {
        newInfoBatch().save(dir.resolve("infobatch.state"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("infobatch.state")), files.toList());
        }
    }
}
