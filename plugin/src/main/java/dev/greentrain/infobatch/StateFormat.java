package dev.greentrain.infobatch;

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
 * The framing around an InfoBatch state's payload, which lets a damaged, cut or extended state be
 * refused instead of loaded.
 *
 * <p>Version 3 (written) and 2 (still read): magic {@code "GTIB"} (int), version (int), payload
 * length {@code n} (long), {@code n} payload bytes, then the CRC32C of every byte before it (int);
 * big-endian. Version 1 (still read): magic, version 1, then the payload, with no length and no
 * checksum. The checksum is verified before any payload error is reported, so a damaged file is
 * named as damaged rather than as a state of other settings. Versions 2 and 3 differ only in the
 * payload's epoch statistics ({@link EpochStatsLayout}).
 */
final class StateFormat {

    /** What to do with a damaged state file; every refusal of one ends with it. */
    static final String FIX =
            "restore it from a backup or delete it to start the pruning state afresh";

    private static final int MAGIC = 0x47544942; // "GTIB"
    private static final int VERSION_WITHOUT_CHECKSUM = 1;
    private static final int FIRST_CHECKED_VERSION = 2;
    private static final int VERSION = 3;
    private static final int HEADER_BYTES = 4 + 4 + 8;

    private StateFormat() {}

    /** Writes a payload to a stream. */
    interface PayloadWriter {

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
    interface PayloadReader<T> {

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

    /** Writes a payload of the given length in the current version, followed by its checksum. */
    static void write(OutputStream stream, long payloadLength, PayloadWriter payload)
            throws IOException {
        CRC32C checksum = new CRC32C();
        // buffered above the checksum, so it is computed over whole blocks, not byte by byte
        DataOutputStream out =
                new DataOutputStream(
                        new BufferedOutputStream(new CheckedOutputStream(stream, checksum)));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(payloadLength);
        payload.write(out);
        out.flush();
        long written = out.size() - HEADER_BYTES; // size() stops counting at Integer.MAX_VALUE
        if (out.size() < Integer.MAX_VALUE && written != payloadLength) {
            throw new IllegalStateException(
                    "The state payload took "
                            + written
                            + " bytes, not the "
                            + payloadLength
                            + " declared: the length of InfoBatchState's payload is out of date.");
        }
        new DataOutputStream(stream).writeInt((int) checksum.getValue());
        stream.flush();
    }

    /**
     * Reads a payload of version 1, 2 or 3, reading no byte past its end; a payload of version 2 or
     * later is returned only when its length and checksum match.
     */
    static <T> T read(InputStream stream, String source, PayloadReader<T> payload)
            throws IOException {
        CRC32C checksum = new CRC32C();
        DataInputStream header = new DataInputStream(new CheckedInputStream(stream, checksum));
        try {
            int magic = header.readInt();
            if (magic != MAGIC) {
                throw new IOException(
                        source
                                + " is not an InfoBatch state file (it starts with 0x"
                                + Integer.toHexString(magic)
                                + ", expected 0x"
                                + Integer.toHexString(MAGIC)
                                + "): pass the file written by InfoBatch.save; if it is that file,"
                                + " it is damaged: "
                                + FIX
                                + ".");
            }
            int version = header.readInt();
            if (version == VERSION_WITHOUT_CHECKSUM) {
                return payload.read(new DataInputStream(stream), version);
            }
            if (version < FIRST_CHECKED_VERSION || version > VERSION) {
                throw new IOException(
                        source
                                + " has state format version "
                                + version
                                + " but this GreenTrain reads versions "
                                + VERSION_WITHOUT_CHECKSUM
                                + " to "
                                + VERSION
                                + ": if a newer GreenTrain wrote it, resume with that version;"
                                + " otherwise it is damaged: "
                                + FIX
                                + ".");
            }
            long length = header.readLong();
            if (length < 0) {
                throw damaged(source, "its payload length is " + length + ", expected 0 or more");
            }
            return readChecked(stream, source, version, length, checksum, payload);
        } catch (EOFException e) {
            throw new IOException(
                    source
                            + " is truncated: it ends before the state it holds is complete, so"
                            + " it was not written completely by InfoBatch.save; "
                            + FIX
                            + ".",
                    e);
        }
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

    /** Throws if the stream holds anything after the state just read from it. */
    static void requireEnd(InputStream stream, String source) throws IOException {
        if (stream.read() >= 0) {
            long extra = 1 + stream.transferTo(OutputStream.nullOutputStream());
            throw damaged(source, "it has " + extra + " bytes after the end of its state");
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
