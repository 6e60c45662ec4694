package dev.greentrain.reduction;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.dream.DatasetEmbedding;
import dev.greentrain.dream.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Reads the features a reduction selects from: a dataset's raw inputs ({@link Embedder#rawInput()})
 * or a model's embeddings through any {@link Embedder}, with the dataset's integer labels, scaled
 * by a {@link FeatureScaling}; the embedding pass is counted in forward passes, the method's own
 * cost.
 */
public final class ReductionFeatures {

    private final DatasetEmbedding embedding;
    private final FeatureScaling scaling;

    /**
     * Creates a feature reader that keeps the features as embedded.
     *
     * @param embedder the embedder
     */
    public ReductionFeatures(Embedder embedder) {
        this(embedder, FeatureScaling.NONE);
    }

    /**
     * Creates a feature reader.
     *
     * @param embedder the embedder
     * @param scaling how the embedded rows are scaled before any method sees them
     */
    public ReductionFeatures(Embedder embedder, FeatureScaling scaling) {
        this.embedding = new DatasetEmbedding(embedder, DatasetEmbedding.DEFAULT_BATCH_SIZE);
        this.scaling = Objects.requireNonNull(scaling, "scaling");
    }

    /**
     * Embeds every sample, reads every label and scales the rows.
     *
     * @param dataset the dataset
     * @return the checked features
     * @throws UncheckedIOException if the data cannot be read
     * @throws IllegalStateException if the data cannot be processed
     */
    public LabelledFeatures read(RandomAccessDataset dataset) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] labels = DatasetEmbedding.readLabels(manager, dataset);
            return scaling.apply(LabelledFeatures.of(embedding.embed(manager, dataset), labels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("The dataset could not be embedded: " + e, e);
        }
    }

    /**
     * Returns the samples forwarded through a model so far (0 for raw inputs).
     *
     * @return the forward passes
     */
    public long getForwardPasses() {
        return embedding.getForwardPasses();
    }
}
