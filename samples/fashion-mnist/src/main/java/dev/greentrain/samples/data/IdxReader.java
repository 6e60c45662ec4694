package dev.greentrain.samples.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads gzip-compressed IDX files (the MNIST file format) with checks and clear error messages. */
final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER_SIZE = 1 << 16;

    private IdxReader() {}

    /** The pixels and labels of the first {@code count} samples of a split. */
    record Samples(int count, int rows, int cols, byte[] pixels, byte[] labels) {}

    /**
     * Reads an images file and its labels file, checking that they describe the same samples.
     *
     * @param imagesFile the gzip IDX images file
     * @param labelsFile the gzip IDX labels file
     * @param rows the expected image height
     * @param cols the expected image width
     * @param numClasses labels must lie in {@code 0..numClasses-1}
     * @param limit the maximum number of samples to read
     * @param hint the sentence appended to every error message that tells how to fix it
     * @return the samples read
     * @throws IOException if a file is missing, malformed, truncated or inconsistent
     */
    static Samples read(
            Path imagesFile,
            Path labelsFile,
            int rows,
            int cols,
            int numClasses,
            int limit,
            String hint)
            throws IOException {
        try (DataInputStream images = open(imagesFile, hint);
                DataInputStream labels = open(labelsFile, hint)) {
            int imageCount = readImagesHeader(images, imagesFile, rows, cols, hint);
            int labelCount = readLabelsHeader(labels, labelsFile, hint);
            if (imageCount != labelCount) {
                throw new IOException(
                        String.format(
                                "Fashion-MNIST files do not match: %s holds %d images but %s holds"
                                        + " %d labels; expected the same count in both. %s",
                                imagesFile, imageCount, labelsFile, labelCount, hint));
            }
            int count = Math.min(imageCount, limit);
            boolean whole = count == imageCount;
            byte[] pixels =
                    readBody(images, imagesFile, Math.multiplyExact(count, rows * cols), hint);
            byte[] labelBytes = readBody(labels, labelsFile, count, hint);
            if (whole) {
                checkNoTrailingData(images, imagesFile, imageCount, "images", hint);
                checkNoTrailingData(labels, labelsFile, labelCount, "labels", hint);
            }
            for (int i = 0; i < count; i++) {
                int label = labelBytes[i] & 0xFF;
                if (label >= numClasses) {
                    throw new IOException(
                            String.format(
                                    "Bad label in %s: label %d at index %d; expected a class id"
                                            + " in 0..%d. %s",
                                    labelsFile, label, i, numClasses - 1, hint));
                }
            }
            return new Samples(count, rows, cols, pixels, labelBytes);
        }
    }

    private static DataInputStream open(Path file, String hint) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("Fashion-MNIST file " + file + " is missing. " + hint);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
        try {
            return new DataInputStream(new GZIPInputStream(raw, BUFFER_SIZE));
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new IOException(
                    "Fashion-MNIST file "
                            + file
                            + " is not a gzip file ("
                            + e.getMessage()
                            + "); expected the original gzip-compressed IDX file. "
                            + hint,
                    e);
        }
    }

    private static int readImagesHeader(
            DataInputStream in, Path file, int rows, int cols, String hint) throws IOException {
        try {
            checkMagic(in.readInt(), IMAGES_MAGIC, file, "images", hint);
            int count = checkCount(in.readInt(), file, "images", hint);
            int fileRows = in.readInt();
            int fileCols = in.readInt();
            if (fileRows != rows || fileCols != cols) {
                throw new IOException(
                        String.format(
                                "Bad image size in %s: images are %dx%d; expected %dx%d. %s",
                                file, fileRows, fileCols, rows, cols, hint));
            }
            return count;
        } catch (EOFException | ZipException e) {
            throw truncatedHeader(file, 16, e, hint);
        }
    }

    private static int readLabelsHeader(DataInputStream in, Path file, String hint)
            throws IOException {
        try {
            checkMagic(in.readInt(), LABELS_MAGIC, file, "labels", hint);
            return checkCount(in.readInt(), file, "labels", hint);
        } catch (EOFException | ZipException e) {
            throw truncatedHeader(file, 8, e, hint);
        }
    }

    private static void checkMagic(int found, int expected, Path file, String kind, String hint)
            throws IOException {
        if (found != expected) {
            throw new IOException(
                    String.format(
                            "Bad magic number in %s: found %d (0x%08X); expected %d (0x%08X), the"
                                    + " magic number of an IDX %s file. %s",
                            file, found, found, expected, expected, kind, hint));
        }
    }

    private static int checkCount(int count, Path file, String kind, String hint)
            throws IOException {
        if (count <= 0) {
            throw new IOException(
                    String.format(
                            "Bad header in %s: it announces %d %s; expected a positive count. %s",
                            file, count, kind, hint));
        }
        return count;
    }

    private static byte[] readBody(DataInputStream in, Path file, int length, String hint)
            throws IOException {
        byte[] body = new byte[length];
        int read;
        try {
            read = in.readNBytes(body, 0, length);
        } catch (EOFException | ZipException e) {
            throw new IOException(
                    String.format(
                            "Fashion-MNIST file %s is truncated or damaged (%s); expected %d bytes"
                                    + " of data after the header. %s",
                            file, e.getMessage(), length, hint),
                    e);
        }
        if (read < length) {
            throw new IOException(
                    String.format(
                            "Fashion-MNIST file %s is truncated: it ends after %d bytes of data;"
                                    + " expected %d bytes as announced by its header. %s",
                            file, read, length, hint));
        }
        return body;
    }

    private static void checkNoTrailingData(
            DataInputStream in, Path file, int count, String kind, String hint) throws IOException {
        if (in.read() != -1) {
            throw new IOException(
                    String.format(
                            "Fashion-MNIST file %s holds more data than its header announces (%d"
                                    + " %s); expected the file to end there. %s",
                            file, count, kind, hint));
        }
    }

    private static IOException truncatedHeader(Path file, int length, IOException e, String hint) {
        return new IOException(
                String.format(
                        "Fashion-MNIST file %s is truncated or damaged: its %d-byte IDX header"
                                + " could not be read (%s). %s",
                        file, length, e.getMessage(), hint),
                e);
    }
}
