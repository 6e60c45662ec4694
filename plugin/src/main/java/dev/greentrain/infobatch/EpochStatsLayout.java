package dev.greentrain.infobatch;

import dev.greentrain.pruning.EpochStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How a state payload holds the statistics of every epoch (the core every policy fills and
 * InfoBatch's {@link InfoBatchDetails}), in a layout of its own that does not change when {@link
 * EpochStats} or its details change.
 *
 * <p>Version 3: the number of fields per epoch (int), then per epoch that many 8-byte slots (long),
 * in the order of {@link Field}; a count is a non-negative int, a flag 0 or 1, a real number the
 * bits of a double. A new statistic is appended as a new field, so the format version stays 3: a
 * reader fills fields the file lacks with 0 and skips fields it does not know. Versions 1 and 2
 * hold the first eight fields in their own types (ints, a double, a float, a boolean); the others
 * load as 0. The policy's method passes are not saved: an InfoBatch that can be saved runs no model
 * of its own, so they load as 0.
 */
final class EpochStatsLayout {

    /** The fields per epoch the first writer of version 3 wrote; no valid file has fewer. */
    private static final int FIRST_FIELD_COUNT = 11;

    private EpochStatsLayout() {}

    /** What a slot holds, and which values are valid. */
    private enum Kind {
        COUNT,
        FLAG,
        REAL
    }

    /** The statistics saved per epoch, in their order in the file; new ones go at the end only. */
    private enum Field {
        EPOCH(Kind.COUNT, EpochStats::epoch),
        DATASET_SIZE(Kind.COUNT, EpochStats::datasetSize),
        SAMPLES_IN_EPOCH(Kind.COUNT, EpochStats::samplesInEpoch),
        WELL_LEARNED(Kind.COUNT, s -> details(s).wellLearned()),
        KEPT_WELL_LEARNED(Kind.COUNT, s -> details(s).keptWellLearned()),
        THRESHOLD(Kind.REAL, s -> Double.doubleToRawLongBits(details(s).threshold())),
        UPWEIGHT(Kind.REAL, s -> Double.doubleToRawLongBits(details(s).upweight())),
        PRUNING_ACTIVE(Kind.FLAG, s -> details(s).pruningActive() ? 1 : 0),
        SAMPLES_DROPPED(Kind.COUNT, EpochStats::samplesDropped),
        NON_FINITE_LOSSES(Kind.COUNT, EpochStats::nonFiniteLosses),
        SKIPPED_STEPS(Kind.COUNT, EpochStats::skippedSteps);

        private final Kind kind;
        private final ToLongFunction<EpochStats> slot;

        Field(Kind kind, ToLongFunction<EpochStats> slot) {
            this.kind = kind;
            this.slot = slot;
        }

        /** Throws if a slot read from the file is not a valid value of this field. */
        void requireValid(String source, int epoch, long value) throws IOException {
            String what = "statistics field " + name() + " of epoch " + epoch;
            switch (kind) {
                case COUNT ->
                        InfoBatchState.requireInRange(source, what, value, 0, Integer.MAX_VALUE);
                case FLAG -> InfoBatchState.requireInRange(source, what, value, 0, 1);
                case REAL -> {
                    // every bit pattern is a double
                }
            }
        }
    }

    private static final Field[] FIELDS = Field.values();

    /** Returns the number of bytes {@link #write} takes for the statistics of some epochs. */
    static long bytes(int epochs) {
        return 4 + 8L * FIELDS.length * epochs;
    }

    /** Writes the statistics in the layout of version 3, without their count. */
    static void write(DataOutputStream out, List<EpochStats> stats) throws IOException {
        out.writeInt(FIELDS.length);
        for (EpochStats s : stats) {
            for (Field field : FIELDS) {
                out.writeLong(field.slot.applyAsLong(s));
            }
        }
    }

    /** Reads the statistics of {@code count} epochs in the layout of a format version. */
    static List<EpochStats> read(DataInputStream in, int version, int count, String source)
            throws IOException {
        if (version < 3) {
            return readFixed(in, count);
        }
        int fieldCount = in.readInt();
        InfoBatchState.requireInRange(
                source,
                "number of statistics fields",
                fieldCount,
                FIRST_FIELD_COUNT,
                Integer.MAX_VALUE);
        List<EpochStats> stats = new ArrayList<>(count);
        for (int epoch = 0; epoch < count; epoch++) {
            long[] slots = new long[FIELDS.length]; // a field the file lacks stays 0
            for (int i = 0; i < fieldCount; i++) {
                long value = in.readLong();
                if (i < FIELDS.length) {
                    FIELDS[i].requireValid(source, epoch, value);
                    slots[i] = value;
                } // a field of a later GreenTrain: not known here, skipped
            }
            stats.add(fromSlots(slots));
        }
        return stats;
    }

    /** InfoBatch's details of statistics an InfoBatch planned, which are the only ones saved. */
    private static InfoBatchDetails details(EpochStats stats) {
        return InfoBatchDetails.of(stats);
    }

    private static EpochStats fromSlots(long[] slots) {
        return stats(
                (int) slots[Field.EPOCH.ordinal()],
                (int) slots[Field.DATASET_SIZE.ordinal()],
                (int) slots[Field.SAMPLES_IN_EPOCH.ordinal()],
                new InfoBatchDetails(
                        (int) slots[Field.WELL_LEARNED.ordinal()],
                        (int) slots[Field.KEPT_WELL_LEARNED.ordinal()],
                        Double.longBitsToDouble(slots[Field.THRESHOLD.ordinal()]),
                        (float) Double.longBitsToDouble(slots[Field.UPWEIGHT.ordinal()]),
                        slots[Field.PRUNING_ACTIVE.ordinal()] == 1),
                (int) slots[Field.SAMPLES_DROPPED.ordinal()],
                (int) slots[Field.NON_FINITE_LOSSES.ordinal()],
                (int) slots[Field.SKIPPED_STEPS.ordinal()]);
    }

    private static EpochStats stats(
            int epoch,
            int datasetSize,
            int samplesInEpoch,
            InfoBatchDetails details,
            int samplesDropped,
            int nonFiniteLosses,
            int skippedSteps) {
        return new EpochStats(
                epoch,
                datasetSize,
                samplesInEpoch,
                0,
                samplesDropped,
                nonFiniteLosses,
                skippedSteps,
                details);
    }

    /** Reads statistics of versions 1 and 2, which hold the first eight fields only. */
    private static List<EpochStats> readFixed(DataInputStream in, int count) throws IOException {
        List<EpochStats> stats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int epoch = in.readInt();
            int datasetSize = in.readInt();
            int samplesInEpoch = in.readInt();
            InfoBatchDetails details =
                    new InfoBatchDetails(
                            in.readInt(),
                            in.readInt(),
                            in.readDouble(),
                            in.readFloat(),
                            in.readBoolean());
            stats.add(stats(epoch, datasetSize, samplesInEpoch, details, 0, 0, 0));
        }
        return stats;
    }
}
