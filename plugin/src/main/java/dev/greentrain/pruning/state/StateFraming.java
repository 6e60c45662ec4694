package dev.greentrain.pruning.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The framing around a policy state's payload, which lets a damaged, cut or extended state be
 * refused instead of loaded.
 *
 * <p>Checked versions: magic (int), version (int), payload length {@code n} (long), {@code n}
 * payload bytes, then the CRC32C of every byte before it (int); big-endian. A policy may also read
 * an older unchecked version: magic, version, then the payload, with no length and no checksum. The
 * checksum is verified before any payload error is reported, so a damaged file is named as damaged
 * rather than as a state of other settings.
 */
public final class StateFraming {

    /** What to do with a damaged state file; every refusal of one ends with it. */
    public static final String FIX =
            "restore it from a backup or delete it to start the pruning state afresh";

    private static final int NO_UNCHECKED_VERSION = -1;
    private static final int HEADER_BYTES = 4 + 4 + 8;

    private final String policy;
    private final int magic;
    private final int uncheckedVersion;
    private final int firstCheckedVersion;
    private final int version;

    private StateFraming(
            String policy, int magic, int uncheckedVersion, int firstCheckedVersion, int version) {
        this.policy = policy;
        this.magic = magic;
        this.uncheckedVersion = uncheckedVersion;
        this.firstCheckedVersion = firstCheckedVersion;
        this.version = version;
    }

    /**
     * Returns the framing of a policy whose files all have a length and a checksum.
     *
     * @param policy the policy's class name, as in its {@code save} method, e.g. "SeTa"
     * @param magic the four bytes every file of the policy starts with
     * @param firstVersion the oldest version still read
     * @param version the version written
     * @return the framing
     */
    public static StateFraming checked(String policy, int magic, int firstVersion, int version) {
        return new StateFraming(policy, magic, NO_UNCHECKED_VERSION, firstVersion, version);
    }

    /**
     * Returns the framing of a policy that also reads one older version without length and
     * checksum.
     *
     * @param policy the policy's class name, as in its {@code save} method
     * @param magic the four bytes every file of the policy starts with
     * @param uncheckedVersion the old version without length and checksum
     * @param firstCheckedVersion the oldest version with length and checksum
     * @param version the version written
     * @return the framing
     */
    public static StateFraming withUncheckedVersion(
            String policy, int magic, int uncheckedVersion, int firstCheckedVersion, int version) {
        return new StateFraming(policy, magic, uncheckedVersion, firstCheckedVersion, version);
    }

    /**
     * Returns the policy's class name, as in its {@code save} method.
     *
     * @return the policy's name
     */
    public String policy() {
        return policy;
    }

    /** Writes a payload to a stream. */
    public interface PayloadWriter {

        /**
         * Writes the payload.
         *
         * @param out the stream to write to
         * @throws IOException if writing fails
         */
        void write(DataOutputStream out) throws IOException;
    }

    /**
     * Reads a payload from a stream.
     *
     * @param <T> what the payload holds
     */
    public interface PayloadReader<T> {

        /**
         * Reads the payload.
         *
         * @param in the stream to read from
         * @param version the format version of the file the payload is in
         * @return what the payload holds
         * @throws IOException if the payload cannot be read or is invalid
         */
        T read(DataInputStream in, int version) throws IOException;
    }

    /**
     * Writes a payload of the given length in the current version, followed by its checksum.
     *
     * @param stream the stream to write to (not closed)
     * @param payloadLength the number of bytes {@code payload} writes
     * @param payload writes the payload
     * @throws IOException if writing fails
     */
    public void write(OutputStream stream, long payloadLength, PayloadWriter payload)
            throws IOException {
        CRC32C checksum = new CRC32C();
        // buffered above the checksum, so it is computed over whole blocks, not byte by byte
        DataOutputStream out =
                new DataOutputStream(
                        new BufferedOutputStream(new CheckedOutputStream(stream, checksum)));
        out.writeInt(magic);
        out.writeInt(version);
        out.writeLong(payloadLength);
        payload.write(out);
        out.flush();
        long written = out.size() - HEADER_BYTES; // size() stops counting at Integer.MAX_VALUE
        if (out.size() < Integer.MAX_VALUE && written != payloadLength) {
            throw new IllegalStateException(
                    "The "
                            + policy
                            + " state payload took "
                            + written
                            + " bytes, not the "
                            + payloadLength
                            + " declared: the payload length of the state is out of date.");
        }
        new DataOutputStream(stream).writeInt((int) checksum.getValue());
        stream.flush();
    }

    /**
     * Reads a payload of any supported version, reading no byte past its end; a checked payload is
     * returned only when its length and checksum match.
     *
     * @param stream the stream to read from (not closed)
     * @param source a name for the stream, used in error messages
     * @param payload reads the payload
     * @param <T> what the payload holds
     * @return what the payload holds
     * @throws IOException if the stream is not such a state, is damaged or the payload is invalid
     */
    public <T> T read(InputStream stream, String source, PayloadReader<T> payload)
            throws IOException {
        CRC32C checksum = new CRC32C();
        DataInputStream header = new DataInputStream(new CheckedInputStream(stream, checksum));
        try {
            int found = header.readInt();
            if (found != magic) {
                throw new IOException(
                        source
                                + " is not "
                                + article(policy)
                                + " "
                                + policy
                                + " state file (it starts with 0x"
                                + Integer.toHexString(found)
                                + ", expected 0x"
                                + Integer.toHexString(magic)
                                + "): pass the file written by "
                                + policy
                                + ".save; if it is that file, it is damaged: "
                                + FIX
                                + ".");
            }
            int fileVersion = header.readInt();
            if (fileVersion == uncheckedVersion) {
                return payload.read(new DataInputStream(stream), fileVersion);
            }
            if (fileVersion < firstCheckedVersion || fileVersion > version) {
                int oldest =
                        uncheckedVersion == NO_UNCHECKED_VERSION
                                ? firstCheckedVersion
                                : Math.min(uncheckedVersion, firstCheckedVersion);
                throw new IOException(
                        source
                                + " has state format version "
                                + fileVersion
                                + " but this GreenTrain reads "
                                + policy
                                + " versions "
                                + oldest
                                + " to "
                                + version
                                + ": if a newer GreenTrain wrote it, resume with that version;"
                                + " otherwise it is damaged: "
                                + FIX
                                + ".");
            }
            long length = header.readLong();
            if (length < 0) {
                throw damaged(source, "its payload length is " + length + ", expected 0 or more");
            }
            return readChecked(stream, source, fileVersion, length, checksum, payload);
        } catch (EOFException e) {
            throw new IOException(
                    source
                            + " is truncated: it ends before the state it holds is complete, so"
                            + " it was not written completely by "
                            + policy
                            + ".save; "
                            + FIX
                            + ".",
                    e);
        }
    }

    /** Returns "an" before a vowel, else "a". */
    private static String article(String word) {
        return "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /**
     * Reads the payload and its checksum; the checksum is compared before the payload's own errors
     * are reported. Throws {@link EOFException} when the stream ends before the checksum.
     */
    private static <T> T readChecked(
            InputStream stream,
            String source,
            int version,
            long length,
            CRC32C checksum,
            PayloadReader<T> payload)
            throws IOException {
        BoundedInput body = new BoundedInput(new CheckedInputStream(stream, checksum), length);
        // the buffer never reads past the payload: the bounded stream ends there
        InputStream buffered = new BufferedInputStream(body);
        T value = null;
        IOException invalid = null;
        try {
            value = payload.read(new DataInputStream(buffered), version);
        } catch (IOException e) {
            invalid = e;
        }
        long unread = buffered.transferTo(OutputStream.nullOutputStream());
        if (body.remaining() > 0) {
            throw new EOFException(); // the stream ended before the payload did
        }
        int computed = (int) checksum.getValue();
        int stored = new DataInputStream(stream).readInt();
        if (stored != computed) {
            throw damaged(
                    source,
                    "its checksum is 0x"
                            + Integer.toHexString(stored)
                            + " but its contents give 0x"
                            + Integer.toHexString(computed));
        }
        if (invalid instanceof EOFException) {
            throw damaged(source, "its payload of " + length + " bytes ends before its last field");
        }
        if (invalid != null) {
            throw invalid;
        }
        if (unread > 0) {
            throw damaged(
                    source,
                    "its payload of " + length + " bytes has " + unread + " bytes after the state");
        }
        return value;
    }

    /**
     * Throws if the stream holds anything after the state just read from it.
     *
     * @param stream the stream the state was read from
     * @param source a name for the stream, used in error messages
     * @throws IOException if a byte follows the state
     */
    public static void requireEnd(InputStream stream, String source) throws IOException {
        if (stream.read() >= 0) {
            long extra = 1 + stream.transferTo(OutputStream.nullOutputStream());
            throw damaged(source, "it has " + extra + " bytes after the end of its state");
        }
    }

    /**
     * Throws naming the file and the field when a value read from it is out of its range.
     *
     * @param source a name for the file, used in the message
     * @param what the field
     * @param value the value read
     * @param min the smallest valid value
     * @param max the largest valid value
     * @throws IOException if the value is outside {@code min..max}
     */
    public static void requireInRange(String source, String what, long value, long min, long max)
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
                            + "; "
                            + FIX
                            + ".");
        }
    }

    private static IOException damaged(String source, String what) {
        return new IOException(source + " is damaged: " + what + "; " + FIX + ".");
    }

    /** A stream that ends after a given number of bytes and tells how many it did not give. */
    private static final class BoundedInput extends FilterInputStream {

        private long remaining;

        BoundedInput(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int count = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (count > 0) {
                remaining -= count;
            }
            return count;
        }

        @Override
        public long skip(long count) throws IOException {
            long skipped = in.skip(Math.min(count, remaining)); // reads through the checksum
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Returns the number of bytes not yet read. */
        long remaining() {
            return remaining;
        }
    }
}
