package dev.greentrain.reduction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * The saved form of a {@link Selection}: a versioned binary file holding the original's size, a
 * fingerprint of its samples (CRC32 over every record's data and label bytes, in index order),
 * every reduced sample's label and group, and a CRC32 of the whole file; written atomically.
 */
public final class IndexFile {

    private static final int MAGIC = 0x47545244; // "GTRD"
    private static final int VERSION = 1;

    private IndexFile() {}

    /**
     * Writes a selection.
     *
     * @param path the file
     * @param selection the selection
     * @param original the dataset it selects from
     * @param manager the manager to read the original with
     * @throws IOException if writing or reading fails
     */
    public static void write(
            Path path, Selection selection, RandomAccessDataset original, NDManager manager)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(original.size());
            out.writeLong(fingerprint(original, manager));
            out.writeInt(selection.size());
            for (int g = 0; g < selection.size(); g++) {
                int[] group = selection.group(g);
                out.writeInt(selection.label(g));
                out.writeInt(group.length);
                for (int index : group) {
                    out.writeInt(index);
                }
            }
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path absolute = path.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".reduction", ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temp))) {
            out.write(body);
            out.writeLong(crc.getValue());
        }
        Files.move(
                temp,
                absolute,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a selection, refusing a corrupt file or one written for another data set.
     *
     * @param path the file
     * @param original the dataset it must have been written for
     * @param manager the manager to read the original with
     * @return the selection
     * @throws IOException if the file cannot be read or is corrupt
     * @throws IllegalArgumentException if the original's size or fingerprint differs
     */
    public static Selection read(Path path, RandomAccessDataset original, NDManager manager)
            throws IOException {
        byte[] all = Files.readAllBytes(path);
        if (all.length < 8 + 32) {
            throw new IOException(
                    path
                            + " is too short ("
                            + all.length
                            + " bytes) to be a reduction index file.");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException(
                    path + " is corrupt (checksum mismatch): compute the reduction again.");
        }
        try (DataInputStream in =
                new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(
                        path + " is not a version " + VERSION + " reduction index file.");
            }
            long size = in.readLong();
            long print = in.readLong();
            if (size != original.size()) {
                throw new IllegalArgumentException(
                        "The index file "
                                + path
                                + " was written for a data set of "
                                + size
                                + " samples, but this one has "
                                + original.size()
                                + ": load it with the data set it was computed on, or compute"
                                + " the reduction again for this one.");
            }
            long actual = fingerprint(original, manager);
            if (print != actual) {
                throw new IllegalArgumentException(
                        "The index file "
                                + path
                                + " was written for another data set of the same size"
                                + " (fingerprint "
                                + Long.toHexString(print)
                                + ", this one's "
                                + Long.toHexString(actual)
                                + "): load it with the data set it was computed on, or compute"
                                + " the reduction again for this one.");
            }
            int count = in.readInt();
            int[][] groups = new int[count][];
            int[] labels = new int[count];
            for (int g = 0; g < count; g++) {
                labels[g] = in.readInt();
                groups[g] = new int[in.readInt()];
                for (int m = 0; m < groups[g].length; m++) {
                    groups[g][m] = in.readInt();
                }
            }
            return Selection.restored(groups, labels);
        }
    }

    /**
     * Returns the CRC32 of every record's data and label bytes, in index order.
     *
     * @param dataset the dataset
     * @param manager the manager to read it with
     * @return the fingerprint
     * @throws IOException if a record cannot be read
     */
    static long fingerprint(RandomAccessDataset dataset, NDManager manager) throws IOException {
        CRC32 crc = new CRC32();
        for (long i = 0; i < dataset.size(); i++) {
            try (NDManager scope = manager.newSubManager()) {
                Record record = dataset.get(scope, i);
                update(crc, record.getData());
                update(crc, record.getLabels());
            }
        }
        return crc.getValue();
    }

    private static void update(CRC32 crc, NDList list) {
        for (NDArray array : list) {
            crc.update(array.toByteArray());
        }
    }
}
