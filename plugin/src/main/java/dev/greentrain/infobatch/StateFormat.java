package dev.greentrain.infobatch;

import dev.greentrain.pruning.state.StateFraming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * InfoBatch's state file framing ({@link StateFraming}): magic {@code "GTIB"}; version 3 written, 2
 * (checked) and 1 (no length, no checksum) still read. Versions 2 and 3 differ only in the
 * payload's epoch statistics ({@link EpochStatsLayout}).
 */
final class StateFormat {

    /** What to do with a damaged state file; every refusal of one ends with it. */
    static final String FIX = StateFraming.FIX;

    private static final StateFraming FRAMING =
            StateFraming.withUncheckedVersion("InfoBatch", 0x47544942, 1, 2, 3);

    private StateFormat() {}

    /** Writes a payload of the given length in the current version, followed by its checksum. */
    static void write(OutputStream stream, long payloadLength, StateFraming.PayloadWriter payload)
            throws IOException {
        FRAMING.write(stream, payloadLength, payload);
    }

    /** Reads a payload of version 1, 2 or 3, reading no byte past its end. */
    static <T> T read(InputStream stream, String source, StateFraming.PayloadReader<T> payload)
            throws IOException {
        return FRAMING.read(stream, source, payload);
    }

    /** Throws if the stream holds anything after the state just read from it. */
    static void requireEnd(InputStream stream, String source) throws IOException {
        StateFraming.requireEnd(stream, source);
    }
}
