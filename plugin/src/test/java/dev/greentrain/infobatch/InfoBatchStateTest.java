package dev.greentrain.infobatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfoBatchStateTest {

    private static final int SIZE = 3000;
    private static final int EPOCHS = 8;
    private static final String FIX =
            "restore it from a backup or delete it to start the pruning state afresh";

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
                infoBatch.recordLosses(new long[] {index}, new float[] {loss(index, epoch, p)});
            }
            planned.add(record);
        }
        return planned;
    }

    /** Returns a loss that depends on the sample, the epoch and the position in the epoch. */
    private static float loss(int index, int epoch, int position) {
        return (float) ((index * 37 % 101) / (10.0 * (epoch + 1)) + position * 1e-5);
    }

    /** Saves the pruner to a file and returns a new one loaded from it. */
    private InfoBatch savedAndLoaded(InfoBatch first) throws IOException {
        Path file = dir.resolve("infobatch.state");
        first.save(file);
        InfoBatch resumed = newInfoBatch();
        resumed.load(file);
        return resumed;
    }

    /**
     * Trains epochs [from, to) as a loop with faults does, and completes each: in epoch {@code e}
     * the sampler drops the last {@code e + 1} planned samples, {@code e + 2} losses are NaN and
     * {@code e} optimizer steps are skipped.
     */
    private static void runFaultyEpochs(InfoBatch infoBatch, int from, int to) {
        for (int epoch = from; epoch < to; epoch++) {
            EpochPlan plan = infoBatch.nextEpoch();
            int nonFinite = epoch + 2;
            int trained = plan.size() - (epoch + 1);
            for (int p = 0; p < trained; p++) {
                int index = plan.indexAt(p);
                float loss = p < nonFinite ? Float.NaN : loss(index, epoch, p);
                infoBatch.recordLosses(new long[] {index}, new float[] {loss});
            }
            infoBatch.completeEpoch(plan.getStats().withTraining(trained, nonFinite, epoch));
        }
    }

    @Test
    void droppedSamplesNonFiniteLossesAndSkippedStepsSurviveSaveLoadAndResume() throws IOException {
        InfoBatch uninterrupted = newInfoBatch();
        runFaultyEpochs(uninterrupted, 0, 5);

        InfoBatch first = newInfoBatch();
        runFaultyEpochs(first, 0, 3);
        InfoBatch resumed = savedAndLoaded(first);

        assertEquals(first.getEpochStats(), resumed.getEpochStats());
        EpochStats third = resumed.getEpochStats().get(2);
        assertEquals(3, third.samplesDropped());
        assertEquals(4, third.nonFiniteLosses());
        assertEquals(2, third.skippedSteps());
        runFaultyEpochs(resumed, 3, 5);
        assertEquals(uninterrupted.getEpochStats(), resumed.getEpochStats());
        for (int i = 0; i < SIZE; i++) {
            assertEquals(uninterrupted.getScore(i), resumed.getScore(i), "score " + i);
        }
    }

    @Test
    void resumedRunContinuesExactlyAsTheUninterruptedRun() throws IOException {
        InfoBatch uninterrupted = newInfoBatch();
        List<float[]> expected = runEpochs(uninterrupted, 0, EPOCHS);

        InfoBatch first = newInfoBatch();
        runEpochs(first, 0, 3);

        InfoBatch resumed = savedAndLoaded(first);
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
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
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
        // header: magic, version (4 bytes each), payload length (8); payload: size, epochs (4
        // each), r, delta, seed (8 each), epoch (4), generator state (8), then SIZE scores of 4
        // bytes, then the epoch length
        int lengthOffset = 60 + 4 * SIZE;
        ByteBuffer.wrap(bytes).putInt(lengthOffset, SIZE + 5);
        Path corrupt = dir.resolve("corrupt.bin");
        Files.write(corrupt, withValidChecksum(bytes));
        IOException e = assertThrows(IOException.class, () -> newInfoBatch().load(corrupt));
        assertTrue(
                e.getMessage().contains("epoch length is 3005, expected -1..3000"), e.getMessage());
    }

    /** Returns the bytes with their last four replaced by the CRC32C of the others. */
    private static byte[] withValidChecksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    private static InfoBatch newSmallInfoBatch() {
        // the settings the format version 1 fixture was saved with
        return InfoBatch.builder()
                .setDatasetSize(20)
                .setEpochs(4)
                .optPruneRatio(0.5)
                .optDelta(0.75)
                .optSeed(11)
                .build();
    }

    /** Returns a state of format version 3 with statistics that are not 0 in every field. */
    private byte[] smallStateAfterTwoEpochs() throws IOException {
        InfoBatch small = newSmallInfoBatch();
        runFaultyEpochs(small, 0, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        small.save(out);
        byte[] bytes = out.toByteArray();
        assertEquals(3, ByteBuffer.wrap(bytes).getInt(4), "format version written");
        return bytes;
    }

    /** Statistics fields per epoch in version 3 as written now, and bytes per epoch. */
    private static final int STATS_FIELDS = 11;

    private static final int EPOCH_BYTES = 8 * STATS_FIELDS;

    /** Returns where the statistics' field count of a two-epoch version 3 state is. */
    private static int fieldCountOffset(byte[] bytes) {
        return bytes.length - 4 - 2 * EPOCH_BYTES - 4;
    }

    @Test
    void statisticsWithFieldsOfALaterGreenTrainLoadWithoutThem() throws IOException {
        byte[] bytes = smallStateAfterTwoEpochs();
        int counts = fieldCountOffset(bytes);
        assertEquals(STATS_FIELDS, ByteBuffer.wrap(bytes).getInt(counts), "fields written");
        // a later GreenTrain appends a twelfth statistic; the format version stays 3
        ByteBuffer later = ByteBuffer.allocate(bytes.length + 2 * 8);
        later.put(bytes, 0, counts).putInt(STATS_FIELDS + 1);
        for (int epoch = 0; epoch < 2; epoch++) {
            later.put(bytes, counts + 4 + epoch * EPOCH_BYTES, EPOCH_BYTES).putLong(-12345L);
        }
        later.putInt(0).putLong(8, ByteBuffer.wrap(bytes).getLong(8) + 2 * 8);
        Path file = dir.resolve("later.state");
        Files.write(file, withValidChecksum(later.array()));

        InfoBatch loaded = newSmallInfoBatch();
        loaded.load(file);
        InfoBatch original = newSmallInfoBatch();
        original.load(new ByteArrayInputStream(bytes), "original");
        assertEquals(original.getEpochStats(), loaded.getEpochStats());
        assertEquals(2, loaded.getEpochStats().get(1).samplesDropped());
        assertEquals(3, loaded.getEpochStats().get(1).nonFiniteLosses());
        assertEquals(1, loaded.getEpochStats().get(1).skippedSteps());
    }

    @Test
    void anInvalidStatisticIsRefusedNamingItsFieldAndEpoch() throws IOException {
        byte[] bytes = smallStateAfterTwoEpochs();
        int secondEpoch = fieldCountOffset(bytes) + 4 + EPOCH_BYTES;
        Path file = dir.resolve("invalid.state");

        byte[] flag = bytes.clone();
        ByteBuffer.wrap(flag).putLong(secondEpoch + 7 * 8, 2); // pruningActive
        Files.write(file, withValidChecksum(flag));
        IOException e = assertThrows(IOException.class, () -> newSmallInfoBatch().load(file));
        assertTrue(
                e.getMessage()
                        .contains("statistics field PRUNING_ACTIVE of epoch 1 is 2, expected 0..1"),
                e.getMessage());
        assertRefusal(e, file, "a flag of 2");

        byte[] count = bytes.clone();
        ByteBuffer.wrap(count).putLong(secondEpoch + 9 * 8, 1L << 31); // nonFiniteLosses
        Files.write(file, withValidChecksum(count));
        e = assertThrows(IOException.class, () -> newSmallInfoBatch().load(file));
        assertTrue(
                e.getMessage()
                        .contains(
                                "statistics field NON_FINITE_LOSSES of epoch 1 is 2147483648,"
                                        + " expected 0..2147483647"),
                e.getMessage());
        assertRefusal(e, file, "a count beyond an int");
    }

    /** Returns whether a refusal names the file and tells what to do with it. */
    private static boolean isHelpfulRefusal(IOException e, Path file) {
        String message = e.getMessage();
        return message.contains(file.toString()) && message.contains(FIX);
    }

    /** Asserts that a refusal names the file and tells what to do with it. */
    private static void assertRefusal(IOException e, Path file, String what) {
        assertTrue(isHelpfulRefusal(e, file), what + ": " + e.getMessage());
    }

    @Test
    void everyFlippedBitIsRefusedNamingTheFileAndTheFix() throws IOException {
        byte[] bytes = smallStateAfterTwoEpochs();
        Path damaged = dir.resolve("damaged.state");
        List<Integer> silentlyLoaded = new ArrayList<>();
        List<String> unhelpfulRefusals = new ArrayList<>();
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            Files.write(damaged, flipped);
            try {
                newSmallInfoBatch().load(damaged);
                silentlyLoaded.add(bit);
            } catch (IOException e) {
                if (!isHelpfulRefusal(e, damaged)) {
                    unhelpfulRefusals.add("bit " + bit + ": " + e.getMessage());
                }
            }
        }
        int bits = 8 * bytes.length;
        assertEquals(
                List.of(),
                silentlyLoaded,
                silentlyLoaded.size() + " of " + bits + " flipped bits loaded without an error");
        assertEquals(
                List.of(),
                unhelpfulRefusals,
                unhelpfulRefusals.size() + " of " + bits + " refusals lack the file or the fix");
    }

    @Test
    void appendedBytesAreRefused() throws IOException {
        byte[] bytes = smallStateAfterTwoEpochs();
        Path extended = dir.resolve("extended.state");
        Files.write(extended, Arrays.copyOf(bytes, bytes.length + 64)); // 64 zero bytes
        IOException e = assertThrows(IOException.class, () -> newSmallInfoBatch().load(extended));
        assertRefusal(e, extended, "64 bytes appended");
        assertTrue(e.getMessage().contains("64 bytes after the end"), e.getMessage());
        InfoBatch untouched = newSmallInfoBatch();
        assertThrows(IOException.class, () -> untouched.load(extended));
        assertEquals(0, untouched.getNextEpoch());
        assertTrue(untouched.getEpochStats().isEmpty());
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] bytes = smallStateAfterTwoEpochs();
        Path truncated = dir.resolve("truncated.state");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(truncated, Arrays.copyOf(bytes, length));
            IOException e =
                    assertThrows(IOException.class, () -> newSmallInfoBatch().load(truncated));
            assertRefusal(e, truncated, length + " of " + bytes.length + " bytes");
        }
    }

    @Test
    void aDeclaredLengthThatDisagreesWithTheStateIsRefusedEvenWithAValidChecksum()
            throws IOException {
        byte[] bytes = smallStateAfterTwoEpochs();
        long length = ByteBuffer.wrap(bytes).getLong(8);
        Path file = dir.resolve("inconsistent.state");

        // 8 bytes more payload than the state takes, as a faulty writer could declare
        ByteBuffer longer = ByteBuffer.allocate(bytes.length + 8);
        longer.put(bytes, 0, bytes.length - 4).putLong(0).putInt(0).putLong(8, length + 8);
        Files.write(file, withValidChecksum(longer.array()));
        IOException e = assertThrows(IOException.class, () -> newSmallInfoBatch().load(file));
        assertRefusal(e, file, "payload longer than its state");
        assertTrue(e.getMessage().contains("8 bytes after the state"), e.getMessage());

        // the last 4 payload bytes cut off, with the length declaring so
        ByteBuffer shorter = ByteBuffer.allocate(bytes.length - 4);
        shorter.put(bytes, 0, bytes.length - 8).putInt(0).putLong(8, length - 4);
        Files.write(file, withValidChecksum(shorter.array()));
        e = assertThrows(IOException.class, () -> newSmallInfoBatch().load(file));
        assertRefusal(e, file, "payload shorter than its state");
        assertTrue(e.getMessage().contains("ends before its last field"), e.getMessage());
    }

    /** Returns a committed state file of an older format version, saved as described there. */
    private Path fixture(int version) throws Exception {
        // both saved after runEpochs(newSmallInfoBatch(), 0, 2): v1 by 7640ff3, v2 by b092b5a
        Path fixture = Path.of(getClass().getResource("infobatch-v" + version + ".state").toURI());
        assertEquals(
                version, ByteBuffer.wrap(Files.readAllBytes(fixture)).getInt(4), "fixture version");
        return fixture;
    }

    @ParameterizedTest(name = "format version {0}")
    @ValueSource(ints = {1, 2})
    void aFileOfAnOlderFormatVersionStillLoadsAndResumes(int version) throws Exception {
        Path fixture = fixture(version);
        InfoBatch uninterrupted = newSmallInfoBatch();
        runEpochs(uninterrupted, 0, 2);
        EpochPlan before = uninterrupted.getCurrentPlan();

        InfoBatch resumed = newSmallInfoBatch();
        resumed.load(fixture);
        assertEquals(2, resumed.getNextEpoch());
        // the statistics these versions lack load as 0, as the uninterrupted run's planned ones
        assertEquals(uninterrupted.getEpochStats(), resumed.getEpochStats());
        for (int i = 0; i < 20; i++) {
            assertEquals(uninterrupted.getScore(i), resumed.getScore(i), "score " + i);
        }
        EpochPlan after = resumed.getCurrentPlan();
        for (int p = 0; p < before.size(); p++) {
            assertEquals(before.indexAt(p), after.indexAt(p));
        }
        List<float[]> expected = runEpochs(uninterrupted, 2, 4);
        List<float[]> actual = runEpochs(resumed, 2, 4);
        for (int epoch = 0; epoch < 2; epoch++) {
            assertArrayEquals(expected.get(epoch), actual.get(epoch), "epoch " + (epoch + 2));
        }
    }

    @ParameterizedTest(name = "format version {0}")
    @ValueSource(ints = {1, 2})
    void aFileOfAnOlderFormatVersionWithAppendedBytesIsRefused(int version) throws Exception {
        byte[] bytes = Files.readAllBytes(fixture(version));
        Path extended = dir.resolve("extended-v" + version + ".state");
        Files.write(extended, Arrays.copyOf(bytes, bytes.length + 64));
        IOException e = assertThrows(IOException.class, () -> newSmallInfoBatch().load(extended));
        assertRefusal(e, extended, "64 bytes appended to a version " + version + " file");
    }

    @Test
    void loadingADirectoryNamesItAndWhatIsExpected() {
        IOException e = assertThrows(IOException.class, () -> newInfoBatch().load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(e.getMessage().contains("file written by InfoBatch.save"), e.getMessage());
    }

    @Test
    void loadingAMissingFileNamesItAndWhatIsExpected() {
        Path missing = dir.resolve("no-such.state");
        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> newInfoBatch().load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("file written by InfoBatch.save"), e.getMessage());
    }

    @Test
    void savingOverADirectoryIsRefusedNamingIt() throws IOException {
        Path target = Files.createDirectory(dir.resolve("checkpoint"));
        IOException e = assertThrows(IOException.class, () -> newInfoBatch().save(target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void saveLeavesNoTemporaryFiles() throws IOException {
        newInfoBatch().save(dir.resolve("infobatch.state"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("infobatch.state")), files.toList());
        }
    }
}
