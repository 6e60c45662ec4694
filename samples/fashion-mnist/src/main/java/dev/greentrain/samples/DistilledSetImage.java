package dev.greentrain.samples;

import ai.djl.ndarray.types.Shape;
import dev.greentrain.distill.AtomicFiles;
import dev.greentrain.distill.DistilledSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a distilled set as a grayscale PNG grid: one row per class, its images left to right,
 * pixels un-normalised ({@code x std + mean}) and clipped to [0, 1], each pixel drawn 2 x 2.
 */
final class DistilledSetImage {

    private static final int ZOOM = 2;
    private static final int GAP = 2;

    private DistilledSetImage() {}

    /** Writes the grid atomically. */
    static void write(DistilledSet set, float mean, float std, Path file) throws IOException {
        Shape shape = set.imageShape();
        int height = (int) shape.get(1);
        int width = (int) shape.get(2);
        int pixels = height * width;
        int classes = set.labels()[set.size() - 1] + 1;
        int perClass = set.size() / classes;
        int cellW = width * ZOOM + GAP;
        int cellH = height * ZOOM + GAP;
        BufferedImage image =
                new BufferedImage(
                        perClass * cellW + GAP,
                        classes * cellH + GAP,
                        BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < set.size(); i++) {
            int left = GAP + (i % perClass) * cellW;
            int top = GAP + set.labels()[i] * cellH;
            for (int y = 0; y < height * ZOOM; y++) {
                for (int x = 0; x < width * ZOOM; x++) {
                    // the first channel only: Fashion-MNIST has one
                    float value =
                            set.pixels()[
                                    i * pixels * (int) shape.get(0)
                                            + (y / ZOOM) * width
                                            + x / ZOOM];
                    int gray = Math.round(255 * Math.max(0f, Math.min(1f, value * std + mean)));
                    image.getRaster().setSample(left + x, top + y, 0, gray);
                }
            }
        }
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }
}
