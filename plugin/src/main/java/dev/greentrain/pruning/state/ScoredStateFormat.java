package dev.greentrain.pruning.state;

import dev.greentrain.pruning.EpochStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a {@link ScoredState}, framed by a policy's {@link StateFraming}.
 *
 * <p>Big-endian: dataset size, epochs (int), seed (long), the number of the policy's own settings
 * (int) and each as a double; the next epoch (int), the generator's state (long), one float score
 * per sample, the epoch's length (int, -1 when no epoch is planned) and that many indices (int);
 * the number of epochs with statistics (int), the fields per epoch (int), then per epoch the core
 * counts (epoch, dataset size, samples, dropped, non-finite losses, skipped steps) and the policy's
 * detail slots, each a long. Method passes are not saved: these policies run no model.
 */
public final class ScoredStateFormat {

    private static final int CORE_FIELDS = 6;

    private final StateFraming framing;
    private final DetailsCodec details;

    /**
     * Creates the format of one policy.
     *
     * @param framing the policy's framing (magic, versions, name)
     * @param details how the policy's epoch details are saved
     */
    public ScoredStateFormat(StateFraming framing, DetailsCodec details) {
        this.framing = framing;
        this.details = details;
    }

    /**
     * Writes a state, framed with its length and checksum.
     *
     * @param out the stream to write to (not closed)
     * @param state the state
     * @throws IOException if writing fails
     */
    public void write(OutputStream out, ScoredState state) throws IOException {
        framing.write(out, payloadLength(state), data -> writePayload(data, state));
    }

    private long payloadLength(ScoredState state) {
        int fields = CORE_FIELDS + details.slots();
        return 4
                + 4
                + 8
                + 4
                + 8L * state.settings().values().length
                + 4
                + 8
                + 4L * state.scores().length
                + 4
                + (state.order() == null ? 0 : 4L * state.orderLength())
                + 4
                + 4
                + 8L * fields * state.stats().size();
    }

    private void writePayload(DataOutputStream out, ScoredState state) throws IOException {
        ScoredState.Settings settings = state.settings();
        out.writeInt(settings.datasetSize());
        out.writeInt(settings.epochs());
        out.writeLong(settings.seed());
        out.writeInt(settings.values().length);
        for (double value : settings.values()) {
            out.writeDouble(value);
        }
        out.writeInt(state.nextEpoch());
        out.writeLong(state.randomState());
        for (float score : state.scores()) {
            out.writeFloat(score);
        }
        out.writeInt(state.order() == null ? -1 : state.orderLength());
        for (int i = 0; state.order() != null && i < state.orderLength(); i++) {
            out.writeInt(state.order()[i]);
        }
        out.writeInt(state.stats().size());
        out.writeInt(CORE_FIELDS + details.slots());
        for (EpochStats s : state.stats()) {
            out.writeLong(s.epoch());
            out.writeLong(s.datasetSize());
            out.writeLong(s.samplesInEpoch());
            out.writeLong(s.samplesDropped());
            out.writeLong(s.nonFiniteLosses());
            out.writeLong(s.skippedSteps());
            for (long slot : details.toSlots(s.details())) {
                out.writeLong(slot);
            }
        }
    }

    /**
     * Reads a state and checks it against the policy it is loaded into, before allocating anything
     * from the file's numbers.
     *
     * @param in the stream to read from (not closed); no byte past the state is read
     * @param source a name for the stream, used in error messages
     * @param expected the settings of the policy the state is loaded into
     * @return the state
     * @throws IOException if the state is damaged or belongs to other settings
     */
    public ScoredState read(InputStream in, String source, ScoredState.Settings expected)
            throws IOException {
        return framing.read(in, source, (data, version) -> readPayload(data, source, expected));
    }

    private ScoredState readPayload(
            DataInputStream in, String source, ScoredState.Settings expected) throws IOException {
        int datasetSize = in.readInt();
        StateFraming.requireInRange(source, "dataset size", datasetSize, 1, Integer.MAX_VALUE);
        int epochs = in.readInt();
        long seed = in.readLong();
        int valueCount = in.readInt();
        StateFraming.requireInRange(
                source,
                "number of settings",
                valueCount,
                expected.values().length,
                expected.values().length);
        double[] values = new double[valueCount];
        for (int i = 0; i < valueCount; i++) {
            values[i] = in.readDouble();
        }
        requireMatches(
                source,
                new ScoredState.Settings(datasetSize, epochs, seed, expected.names(), values),
                expected);
        int nextEpoch = in.readInt();
        StateFraming.requireInRange(source, "epoch", nextEpoch, 0, epochs);
        long randomState = in.readLong();
        float[] scores = new float[datasetSize];
        for (int i = 0; i < datasetSize; i++) {
            scores[i] = in.readFloat();
        }
        int orderLength = in.readInt();
        StateFraming.requireInRange(source, "epoch length", orderLength, -1, datasetSize);
        int[] order = null;
        if (orderLength >= 0) {
            order = new int[datasetSize];
            for (int i = 0; i < orderLength; i++) {
                order[i] = in.readInt();
                StateFraming.requireInRange(source, "sample index", order[i], 0, datasetSize - 1);
            }
        }
        int statCount = in.readInt();
        StateFraming.requireInRange(source, "epoch count", statCount, nextEpoch, nextEpoch);
        if (orderLength >= 0 && statCount == 0) {
            throw new IOException(
                    source
                            + " is corrupt: it has an epoch order but no epoch statistics; "
                            + StateFraming.FIX
                            + ".");
        }
        int fields = CORE_FIELDS + details.slots();
        StateFraming.requireInRange(
                source, "number of statistics fields", in.readInt(), fields, fields);
        List<EpochStats> stats = new ArrayList<>(statCount);
        for (int epoch = 0; epoch < statCount; epoch++) {
            stats.add(readStats(in, source, epoch));
        }
        return new ScoredState(
                new ScoredState.Settings(datasetSize, epochs, seed, expected.names(), values),
                nextEpoch,
                randomState,
                scores,
                order,
                Math.max(orderLength, 0),
                stats);
    }

    private EpochStats readStats(DataInputStream in, String source, int epoch) throws IOException {
        int[] core = new int[CORE_FIELDS];
        for (int i = 0; i < CORE_FIELDS; i++) {
            long value = in.readLong();
            StateFraming.requireInRange(
                    source,
                    "statistics field " + i + " of epoch " + epoch,
                    value,
                    0,
                    Integer.MAX_VALUE);
            core[i] = (int) value;
        }
        StateFraming.requireInRange(source, "epoch number", core[0], epoch, epoch);
        long[] slots = new long[details.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.readLong();
        }
        return new EpochStats(
                core[0],
                core[1],
                core[2],
                0,
                core[3],
                core[4],
                core[5],
                details.fromSlots(slots, source));
    }

    private void requireMatches(
            String source, ScoredState.Settings saved, ScoredState.Settings expected)
            throws IOException {
        String policy = framing.policy();
        if (saved.datasetSize() != expected.datasetSize()) {
            throw new IOException(
                    source
                            + " holds "
                            + policy
                            + " state for "
                            + saved.datasetSize()
                            + " samples but this "
                            + policy
                            + " is built for a dataset of "
                            + expected.datasetSize()
                            + "; resume with the dataset the state was saved with, or start"
                            + " without loading it.");
        }
        if (!saved.matches(expected)) {
            throw new IOException(
                    source
                            + " was saved with "
                            + saved.describe()
                            + " but this "
                            + policy
                            + " has "
                            + expected.describe()
                            + "; build it with the saved settings to resume.");
        }
    }
}
