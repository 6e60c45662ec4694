package dev.greentrain.infobatch;

import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.state.StateFraming;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The saved form of an {@link InfoBatch}'s whole state, and its binary payload; {@link StateFormat}
 * frames the payload with a version, a length and a checksum.
 */
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

    /** Bytes of the payload before the scores: sizes, settings, epoch and generator state. */
    private static final long SETTINGS_BYTES = 4 + 4 + 8 + 8 + 8 + 4 + 8;

    /** Writes the state in the current format version, with its length and checksum. */
    static void write(OutputStream stream, InfoBatchState state) throws IOException {
        StateFormat.write(stream, state.payloadLength(), state::writePayload);
    }

    /** Returns the number of bytes {@link #writePayload} writes. */
    private long payloadLength() {
        return SETTINGS_BYTES
                + 4L * datasetSize
                + 4
                + (order == null ? 0 : 4L * orderLength)
                + 8L * upweighted.length
                + 4
                + 4
                + EpochStatsLayout.bytes(stats.size());
    }

    private void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(datasetSize);
        out.writeInt(epochs);
        out.writeDouble(pruneRatio);
        out.writeDouble(delta);
        out.writeLong(seed);
        out.writeInt(nextEpoch);
        out.writeLong(randomState);
        for (float score : scores) {
            out.writeFloat(score);
        }
        out.writeInt(order == null ? -1 : orderLength);
        for (int i = 0; order != null && i < orderLength; i++) {
            out.writeInt(order[i]);
        }
        for (long bits : upweighted) {
            out.writeLong(bits);
        }
        out.writeFloat(upweight);
        out.writeInt(stats.size());
        EpochStatsLayout.write(out, stats);
    }

    /**
     * Reads a state of any supported format version and checks it against the pruner it is loaded
     * into, before allocating anything from the file's numbers.
     */
    static InfoBatchState read(InputStream stream, String source, Settings expected)
            throws IOException {
        return StateFormat.read(
                stream, source, (in, version) -> readPayload(in, version, source, expected));
    }

    private static InfoBatchState readPayload(
            DataInputStream in, int version, String source, Settings expected) throws IOException {
        int datasetSize = in.readInt();
        // no pruner has an empty dataset; and a version 3 file whose version has one flipped bit
        // reads as version 1 with the payload length's high half, 0, as its dataset size
        requireInRange(source, "dataset size", datasetSize, 1, Integer.MAX_VALUE);
        int epochs = in.readInt();
        double pruneRatio = in.readDouble();
        double delta = in.readDouble();
        long seed = in.readLong();
        requireMatches(
                source, new Settings(datasetSize, epochs, pruneRatio, delta, seed), expected);
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
        List<EpochStats> stats = EpochStatsLayout.read(in, version, statCount, source);
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
    }

    /** Throws naming the file and the field when a value read from it is out of its range. */
    static void requireInRange(String source, String what, long value, long min, long max)
            throws IOException {
        StateFraming.requireInRange(source, what, value, min, max);
    }

    /** Throws if the state was saved by a pruner with another dataset size or settings. */
    private static void requireMatches(String source, Settings saved, Settings expected)
            throws IOException {
        if (saved.datasetSize != expected.datasetSize) {
            throw new IOException(
                    source
                            + " holds pruning state for "
                            + saved.datasetSize
                            + " samples but this InfoBatch is built for a dataset of "
                            + expected.datasetSize
                            + "; resume with the dataset the state was saved with, or start"
                            + " without loading it.");
        }
        if (saved.epochs != expected.epochs
                || saved.pruneRatio != expected.pruneRatio
                || saved.delta != expected.delta
                || saved.seed != expected.seed) {
            throw new IOException(
                    String.format(
                            "%s was saved with epochs=%d, %s, delta=%s, seed=%d but this"
                                    + " InfoBatch has epochs=%d, %s, delta=%s, seed=%d; build it"
                                    + " with the saved settings to resume.",
                            source,
                            saved.epochs,
                            ratioText(saved.pruneRatio),
                            saved.delta,
                            saved.seed,
                            expected.epochs,
                            ratioText(expected.pruneRatio),
                            expected.delta,
                            expected.seed));
        }
    }

    /** Names the saved ratio field: {@code r=0.5}, or {@code budget=0.6} for a budget. */
    private static String ratioText(double savedRatio) {
        return savedRatio < 0 ? "budget=" + -savedRatio : "r=" + savedRatio;
    }

    /**
     * The settings a state belongs to: it loads only into a pruner built with the same ones.
     *
     * @param datasetSize the number of samples
     * @param epochs the total number of epochs
     * @param pruneRatio the prune ratio r, or {@code -B} for a pruner in budget mode
     * @param delta the annealing fraction
     * @param seed the random generator's seed
     */
    record Settings(int datasetSize, int epochs, double pruneRatio, double delta, long seed) {}
}
