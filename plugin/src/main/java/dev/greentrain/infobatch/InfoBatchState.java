package dev.greentrain.infobatch;

import dev.greentrain.pruning.EpochStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The saved form of an {@link InfoBatch}'s whole state, and its binary file format. */
record InfoBatchState(
        int datasetSize,
        int epochs,
        double pruneRatio,
        double delta,
        long seed,
        int nextEpoch,
        long randomState,
        float[] scores,
        int[] order,
        int orderLength,
        long[] upweighted,
        float upweight,
        List<EpochStats> stats) {

    private static final int MAGIC = 0x47544942; // "GTIB"
    private static final int VERSION = 1;

    static void write(OutputStream stream, InfoBatchState state) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(state.datasetSize);
        out.writeInt(state.epochs);
        out.writeDouble(state.pruneRatio);
        out.writeDouble(state.delta);
        out.writeLong(state.seed);
        out.writeInt(state.nextEpoch);
        out.writeLong(state.randomState);
        for (float score : state.scores) {
            out.writeFloat(score);
        }
        out.writeInt(state.order == null ? -1 : state.orderLength);
        for (int i = 0; state.order != null && i < state.orderLength; i++) {
            out.writeInt(state.order[i]);
        }
        for (long bits : state.upweighted) {
            out.writeLong(bits);
        }
        out.writeFloat(state.upweight);
        out.writeInt(state.stats.size());
        for (EpochStats s : state.stats) {
            out.writeInt(s.epoch());
            out.writeInt(s.datasetSize());
            out.writeInt(s.samplesInEpoch());
            out.writeInt(s.wellLearned());
            out.writeInt(s.keptWellLearned());
            out.writeDouble(s.threshold());
            out.writeFloat(s.upweight());
            out.writeBoolean(s.pruningActive());
        }
        out.flush();
    }

    /**
     * Reads a state and checks it against the pruner it is loaded into, before allocating anything
     * from the file's numbers.
     */
    static InfoBatchState read(
            InputStream stream,
            String source,
            int expectedSize,
            int expectedEpochs,
            double expectedRatio,
            double expectedDelta,
            long expectedSeed)
            throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(
                        source
                                + " is not an InfoBatch state file (it starts with 0x"
                                + Integer.toHexString(magic)
                                + ", expected 0x"
                                + Integer.toHexString(MAGIC)
                                + "); pass the file written by InfoBatch.save.");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(
                        source
                                + " has state format version "
                                + version
                                + " but this GreenTrain reads version "
                                + VERSION
                                + "; resume with the GreenTrain version that wrote it.");
            }
            int datasetSize = in.readInt();
            int epochs = in.readInt();
            double pruneRatio = in.readDouble();
            double delta = in.readDouble();
            long seed = in.readLong();
            requireMatches(
                    source,
                    datasetSize,
                    epochs,
                    pruneRatio,
                    delta,
                    seed,
                    expectedSize,
                    expectedEpochs,
                    expectedRatio,
                    expectedDelta,
                    expectedSeed);
            int nextEpoch = in.readInt();
            requireInRange(source, "epoch", nextEpoch, 0, epochs);
            long randomState = in.readLong();
            float[] scores = new float[datasetSize];
            for (int i = 0; i < datasetSize; i++) {
                scores[i] = in.readFloat();
            }
            int orderLength = in.readInt();
            requireInRange(source, "epoch length", orderLength, -1, datasetSize);
            int[] order = null;
            if (orderLength >= 0) {
                order = new int[datasetSize];
                for (int i = 0; i < orderLength; i++) {
                    order[i] = in.readInt();
                    requireInRange(source, "sample index", order[i], 0, datasetSize - 1);
                }
            }
            long[] upweighted = new long[(datasetSize + 63) >>> 6];
            for (int i = 0; i < upweighted.length; i++) {
                upweighted[i] = in.readLong();
            }
            float upweight = in.readFloat();
            int statCount = in.readInt();
            requireInRange(source, "epoch count", statCount, nextEpoch, nextEpoch);
            if (orderLength >= 0 && statCount == 0) {
                throw new IOException(
                        source + " is corrupt: it has an epoch order but no epoch statistics.");
            }
            List<EpochStats> stats = new ArrayList<>(statCount);
            for (int i = 0; i < statCount; i++) {
                stats.add(
                        new EpochStats(
                                in.readInt(),
                                in.readInt(),
                                in.readInt(),
                                in.readInt(),
                                in.readInt(),
                                in.readDouble(),
                                in.readFloat(),
                                in.readBoolean()));
            }
            return new InfoBatchState(
                    datasetSize,
                    epochs,
                    pruneRatio,
                    delta,
                    seed,
                    nextEpoch,
                    randomState,
                    scores,
                    order,
                    Math.max(orderLength, 0),
                    upweighted,
                    upweight,
                    stats);
        } catch (EOFException e) {
            throw new IOException(
                    source + " is truncated; it was not written completely by InfoBatch.save.", e);
        }
    }

    private static void requireInRange(String source, String what, int value, int min, int max)
            throws IOException {
        if (value < min || value > max) {
            throw new IOException(
                    source
                            + " is corrupt: its "
                            + what
                            + " is "
                            + value
                            + ", expected "
                            + min
                            + ".."
                            + max
                            + "; load a file written by InfoBatch.save.");
        }
    }

    /** Throws if the state was saved by a pruner with another dataset size or settings. */
    private static void requireMatches(
            String source,
            int savedSize,
            int savedEpochs,
            double savedRatio,
            double savedDelta,
            long savedSeed,
            int datasetSize,
            int epochs,
            double pruneRatio,
            double delta,
            long seed)
            throws IOException {
        if (savedSize != datasetSize) {
            throw new IOException(
                    source
                            + " holds pruning state for "
                            + savedSize
                            + " samples but this InfoBatch is built for a dataset of "
                            + datasetSize
                            + "; resume with the dataset the state was saved with, or start"
                            + " without loading it.");
        }
        if (savedEpochs != epochs
                || savedRatio != pruneRatio
                || savedDelta != delta
                || savedSeed != seed) {
            throw new IOException(
                    String.format(
                            "%s was saved with epochs=%d, r=%s, delta=%s, seed=%d but this"
                                    + " InfoBatch has epochs=%d, r=%s, delta=%s, seed=%d; build it"
                                    + " with the saved settings to resume.",
                            source,
                            savedEpochs,
                            savedRatio,
                            savedDelta,
                            savedSeed,
                            epochs,
                            pruneRatio,
                            delta,
                            seed));
        }
    }
}
