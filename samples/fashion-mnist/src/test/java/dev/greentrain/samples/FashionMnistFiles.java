package dev.greentrain.samples;

import dev.greentrain.samples.data.FashionMnist;
import java.nio.file.Path;

/** Where the integration tests find the Fashion-MNIST files. */
public final class FashionMnistFiles {

    private FashionMnistFiles() {}

    /**
     * Returns the directory with the four gzip IDX files: {@code -Dgreentrain.fashionmnist.dir}
     * when it is set, else {@link FashionMnist#DEFAULT_DIRECTORY} (Debian's package).
     *
     * @return the data set's directory
     */
    public static Path directory() {
        return Path.of(
                System.getProperty(
                        "greentrain.fashionmnist.dir", FashionMnist.DEFAULT_DIRECTORY.toString()));
    }
}
