package dev.greentrain.infobatch;

import dev.greentrain.pruning.state.AtomicStateFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** InfoBatch's state file, read and replaced atomically through {@link AtomicStateFile}. */
final class StateFile {

    private static final String POLICY = "InfoBatch";

    private StateFile() {}

    /** Opens a state file, refusing a directory or a missing file with a message naming it. */
    static InputStream openForReading(Path file) throws IOException {
        return AtomicStateFile.openForReading(file, POLICY);
    }

    /** Replaces the file with the content, atomically, after deleting its stale temporaries. */
    static void writeAtomically(Path file, AtomicStateFile.ContentWriter content)
            throws IOException {
        AtomicStateFile.writeAtomically(file, POLICY, content);
    }

    /** Returns the pattern of the temporaries {@link #writeAtomically} makes for a file name. */
    static Pattern temporaryPattern(String name) {
        return AtomicStateFile.temporaryPattern(name);
    }
}
