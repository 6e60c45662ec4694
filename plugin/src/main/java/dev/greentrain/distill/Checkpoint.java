package dev.greentrain.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A distillation's saved state after a completed iteration: the settings it ran with, the synthetic
 * pixels and their momentum, the counters and DREAM's current representatives. Saved as a DJL
 * {@link NDList} file, written atomically.
 *
 * @param settings the run's settings as {@link Distillation#describeSettings()} states them
 * @param iteration the iterations completed
 * @param pixels the synthetic images, row-major (N, C, H, W)
 * @param momentum the momentum buffer, same layout
 * @param counters real, synthetic and clustering forward passes so far
 * @param selected DREAM's representatives per class, or null
 */
record Checkpoint(
        String settings,
        int iteration,
        float[] pixels,
        float[] momentum,
        long[] counters,
        int[][] selected) {

    /** Writes the checkpoint atomically. */
    void save(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList arrays = new NDList();
            arrays.add(
                    named(manager.create(settings.getBytes(StandardCharsets.UTF_8)), "settings"));
            arrays.add(named(manager.create(new long[] {iteration}), "iteration"));
            arrays.add(named(manager.create(pixels), "pixels"));
            arrays.add(named(manager.create(momentum), "momentum"));
            arrays.add(named(manager.create(counters), "counters"));
            if (selected != null) {
                int[] lengths = new int[selected.length];
                int[] flat =
                        new int[java.util.Arrays.stream(selected).mapToInt(a -> a.length).sum()];
                int at = 0;
                for (int c = 0; c < selected.length; c++) {
                    lengths[c] = selected[c].length;
                    System.arraycopy(selected[c], 0, flat, at, lengths[c]);
                    at += lengths[c];
                }
                arrays.add(named(manager.create(flat), "selected"));
                arrays.add(named(manager.create(lengths), "selectedLengths"));
            }
            DistilledSet.write(file, arrays);
        }
    }

    /**
     * Loads a checkpoint and refuses it unless it was written with the same settings.
     *
     * @param file the checkpoint
     * @param expected the settings of the run that would resume
     * @return the checkpoint
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it comes from other settings
     */
    static Checkpoint load(Path file, String expected) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList arrays = DistilledSet.read(manager, file);
            NDArray settingsArray = arrays.get("settings");
            if (settingsArray == null || arrays.get("pixels") == null) {
                throw new IOException(
                        file
                                + " is not a distillation checkpoint: delete it or give another"
                                + " output directory.");
            }
            String settings = new String(settingsArray.toByteArray(), StandardCharsets.UTF_8);
            if (!settings.equals(expected)) {
                throw new IllegalArgumentException(
                        "The checkpoint "
                                + file
                                + " comes from other settings ("
                                + settings
                                + ") than this run ("
                                + expected
                                + "); resuming needs the same settings: rerun with its settings,"
                                + " or give another output directory (or delete the checkpoint to"
                                + " start over).");
            }
            int[][] selected = null;
            NDArray selection = arrays.get("selected");
            if (selection != null) {
                int[] flat = selection.toIntArray();
                int[] lengths = arrays.get("selectedLengths").toIntArray();
                selected = new int[lengths.length][];
                int at = 0;
                for (int c = 0; c < lengths.length; c++) {
                    selected[c] = java.util.Arrays.copyOfRange(flat, at, at + lengths[c]);
                    at += lengths[c];
                }
            }
            return new Checkpoint(
                    settings,
                    (int) arrays.get("iteration").toLongArray()[0],
                    arrays.get("pixels").toType(DataType.FLOAT32, false).toFloatArray(),
                    arrays.get("momentum").toFloatArray(),
                    arrays.get("counters").toLongArray(),
                    selected);
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
