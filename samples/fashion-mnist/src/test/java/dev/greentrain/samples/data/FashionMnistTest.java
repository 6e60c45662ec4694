package dev.greentrain.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import dev.greentrain.samples.FashionMnistFiles;
import dev.greentrain.samples.data.FashionMnist.Split;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static final int PIXELS = 28 * 28;
    private static final byte[] LABELS = {7, 0, 9};

    @TempDir Path dir;

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void tinyFilesAreReadBackExactly() throws IOException, TranslateException {
        byte[] pixels = tinyPixels(3);
        writeImages(Split.TEST, 2051, 3, 28, 28, pixels);
        writeLabels(Split.TEST, 2049, 3, LABELS);

        ArrayDataset dataset =
                FashionMnist.builder()
                        .optDirectory(dir)
                        .optSplit(Split.TEST)
                        .setSampling(2, false)
                        .build(manager);

        assertEquals(3, dataset.size());
        List<Shape> imageShapes = new ArrayList<>();
        float[] images = new float[0];
        float[] labels = new float[0];
        for (Batch batch : dataset.getData(manager)) {
            NDArray data = batch.getData().singletonOrThrow();
            NDArray label = batch.getLabels().singletonOrThrow();
            imageShapes.add(data.getShape());
            assertEquals(DataType.FLOAT32, data.getDataType());
            assertEquals(DataType.FLOAT32, label.getDataType());
            assertEquals(new Shape(data.getShape().get(0)), label.getShape());
            images = concat(images, data.toFloatArray());
            labels = concat(labels, label.toFloatArray());
        }

        assertEquals(List.of(new Shape(2, 1, 28, 28), new Shape(1, 1, 28, 28)), imageShapes);
        float[] expected = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            expected[i] = (pixels[i] & 0xFF) / 255f;
        }
        assertArrayEquals(expected, images, 1e-7f);
        assertEquals(1f, max(images));
        assertEquals(0f, min(images));
        assertArrayEquals(new float[] {7, 0, 9}, labels);
    }

    @Test
    void limitReadsOnlyTheFirstSamples() throws IOException {
        byte[] pixels = tinyPixels(3);
        writeImages(Split.TRAIN, 2051, 3, 28, 28, pixels);
        writeLabels(Split.TRAIN, 2049, 3, LABELS);

        ArrayDataset dataset =
                FashionMnist.builder()
                        .optDirectory(dir)
                        .optLimit(2)
                        .setSampling(8, true)
                        .build(manager);

        assertEquals(2, dataset.size());
        Batch batch = dataset.getByRange(manager, 0, 2);
        float[] images = batch.getData().head().toFloatArray();
        assertEquals(2 * PIXELS, images.length);
        assertEquals((pixels[PIXELS + 5] & 0xFF) / 255f, images[PIXELS + 5], 1e-7f);
        assertArrayEquals(new float[] {7, 0}, batch.getLabels().head().toFloatArray());
        batch.close();
    }

    @Test
    void badImagesMagicNumberIsReported() throws IOException {
        writeImages(Split.TRAIN, 2049, 3, 28, 28, tinyPixels(3));
        writeLabels(Split.TRAIN, 2049, 3, LABELS);

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz");
        assertContains(message, "magic number");
        assertContains(message, "found 2049");
        assertContains(message, "expected 2051");
        assertContains(message, "sudo apt-get install --reinstall dataset-fashion-mnist");
        assertContains(message, "--data-dir");
    }

    @Test
    void badLabelsMagicNumberIsReported() throws IOException {
        writeImages(Split.TRAIN, 2051, 3, 28, 28, tinyPixels(3));
        writeLabels(Split.TRAIN, 2051, 3, LABELS);

        String message = loadFailure(IOException.class);

        assertContains(message, "train-labels-idx1-ubyte.gz");
        assertContains(message, "found 2051");
        assertContains(message, "expected 2049");
    }

    @Test
    void mismatchedCountsAreReported() throws IOException {
        writeImages(Split.TRAIN, 2051, 3, 28, 28, tinyPixels(3));
        writeLabels(Split.TRAIN, 2049, 2, Arrays.copyOf(LABELS, 2));

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz holds 3 images");
        assertContains(message, "train-labels-idx1-ubyte.gz holds 2 labels");
        assertContains(message, "expected the same count");
        assertContains(message, "dataset-fashion-mnist");
    }

    @Test
    void truncatedImagesAreReported() throws IOException {
        byte[] pixels = tinyPixels(3);
        writeImages(Split.TRAIN, 2051, 3, 28, 28, Arrays.copyOf(pixels, 2 * PIXELS + 100));
        writeLabels(Split.TRAIN, 2049, 3, LABELS);

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz is truncated");
        assertContains(message, "ends after " + (2 * PIXELS + 100) + " bytes");
        assertContains(message, "expected " + 3 * PIXELS + " bytes");
        assertContains(message, "sudo apt-get install --reinstall dataset-fashion-mnist");
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        writeImages(Split.TRAIN, 2051, 3, 28, 28, tinyPixels(3));
        writeLabels(Split.TRAIN, 2049, 3, LABELS);
        Path images = Split.TRAIN.imagesFile(dir);
        byte[] gz = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(gz, gz.length / 2));

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz is truncated or damaged");
    }

    @Test
    void wrongImageSizeIsReported() throws IOException {
        writeImages(Split.TRAIN, 2051, 1, 32, 32, new byte[32 * 32]);
        writeLabels(Split.TRAIN, 2049, 1, new byte[] {1});

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz");
        assertContains(message, "images are 32x32; expected 28x28");
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        writeImages(Split.TRAIN, 2051, 3, 28, 28, tinyPixels(3));
        writeLabels(Split.TRAIN, 2049, 3, new byte[] {1, 10, 2});

        String message = loadFailure(IOException.class);

        assertContains(message, "train-labels-idx1-ubyte.gz");
        assertContains(message, "label 10 at index 1");
        assertContains(message, "0..9");
    }

    @Test
    void extraDataAfterTheAnnouncedSamplesIsReported() throws IOException {
        writeImages(Split.TRAIN, 2051, 2, 28, 28, tinyPixels(3));
        writeLabels(Split.TRAIN, 2049, 2, Arrays.copyOf(LABELS, 2));

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz holds more data than its header");
    }

    @Test
    void plainFileInsteadOfGzipIsReported() throws IOException {
        writeLabels(Split.TRAIN, 2049, 3, LABELS);
        Files.write(Split.TRAIN.imagesFile(dir), new byte[] {0, 0, 8, 3, 0, 0, 0, 1});

        String message = loadFailure(IOException.class);

        assertContains(message, "train-images-idx3-ubyte.gz is not a gzip file");
    }

    @Test
    void missingDirectoryExplainsHowToInstall() {
        Path missing = dir.resolve("nowhere");

        FileNotFoundException e =
                assertThrows(
                        FileNotFoundException.class,
                        () ->
                                FashionMnist.builder()
                                        .optDirectory(missing)
                                        .setSampling(32, true)
                                        .build(manager));

        assertContains(e.getMessage(), missing + " does not exist");
        assertContains(e.getMessage(), "sudo apt-get install dataset-fashion-mnist");
        assertContains(e.getMessage(), "--data-dir");
        assertContains(e.getMessage(), "t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void missingFileExplainsHowToInstall() throws IOException {
        writeImages(Split.TEST, 2051, 3, 28, 28, tinyPixels(3));

        FileNotFoundException e =
                assertThrows(
                        FileNotFoundException.class,
                        () ->
                                FashionMnist.builder()
                                        .optDirectory(dir)
                                        .optSplit(Split.TEST)
                                        .setSampling(32, true)
                                        .build(manager));

        assertContains(e.getMessage(), dir.resolve("t10k-labels-idx1-ubyte.gz") + " is missing");
        assertContains(e.getMessage(), "sudo apt-get install dataset-fashion-mnist");
    }

    @Test
    void samplingIsRequired() {
        assertThrows(
                IllegalStateException.class,
                () -> FashionMnist.builder().optDirectory(dir).build(manager));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.builder().optLimit(0));
    }

    @Tag("integration")
    @Test
    void debianTrainingSetLoadsCompletely() throws IOException {
        long start = System.nanoTime();
        ArrayDataset train =
                FashionMnist.builder()
                        .optDirectory(FashionMnistFiles.directory())
                        .setSampling(128, true)
                        .build(manager);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Loaded 60,000 Fashion-MNIST training images in " + millis + " ms");

        assertEquals(60_000, train.size());
        checkClassBalance(train, 60_000, 6_000);
    }

    @Tag("integration")
    @Test
    void debianTestSetLoadsCompletely() throws IOException {
        ArrayDataset test =
                FashionMnist.builder()
                        .optDirectory(FashionMnistFiles.directory())
                        .optSplit(Split.TEST)
                        .setSampling(128, false)
                        .build(manager);

        assertEquals(10_000, test.size());
        checkClassBalance(test, 10_000, 1_000);
    }

    private void checkClassBalance(ArrayDataset dataset, int size, int perClass) {
        Batch all = dataset.getByRange(manager, 0, size);
        NDArray images = all.getData().singletonOrThrow();
        assertEquals(new Shape(size, 1, 28, 28), images.getShape());
        assertEquals(DataType.FLOAT32, images.getDataType());
        assertEquals(0f, images.min().getFloat());
        assertEquals(1f, images.max().getFloat());

        NDArray labels = all.getLabels().singletonOrThrow();
        assertEquals(new Shape(size), labels.getShape());
        assertEquals(DataType.FLOAT32, labels.getDataType());
        int[] counts = new int[FashionMnist.NUM_CLASSES];
        for (float label : labels.toFloatArray()) {
            counts[(int) label]++;
        }
        int[] expected = new int[FashionMnist.NUM_CLASSES];
        Arrays.fill(expected, perClass);
        assertArrayEquals(expected, counts);
        all.close();
    }

    private String loadFailure(Class<? extends Exception> type) {
        Exception e =
                assertThrows(
                        type,
                        () ->
                                FashionMnist.builder()
                                        .optDirectory(dir)
                                        .setSampling(2, false)
                                        .build(manager));
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(
                message.contains(part),
                () -> "expected the message to contain \"" + part + "\" but it was: " + message);
    }

    /** Pixels covering 0..255, with 0 and 255 present, distinct per image. */
    private static byte[] tinyPixels(int count) {
        byte[] pixels = new byte[count * PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * 7 + i / PIXELS * 13) % 256);
        }
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        return pixels;
    }

    private void writeImages(Split split, int magic, int count, int rows, int cols, byte[] body)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(body);
        writeGzip(split.imagesFile(dir), bytes.toByteArray());
    }

    private void writeLabels(Split split, int magic, int count, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.write(body);
        writeGzip(split.labelsFile(dir), bytes.toByteArray());
    }

    private static void writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
