package dev.greentrain.training;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.infobatch.InfoBatch;
import dev.greentrain.pruning.PrunedDataset;
import java.io.IOException;

/**
 * The one-line adoption of InfoBatch: replace {@code EasyTrain.fit(trainer, epochs, train,
 * validate)} by {@code InfoBatchTrain.fit(trainer, epochs, train, validate)}.
 */
public final class InfoBatchTrain {

    private InfoBatchTrain() {}

    /**
     * Trains like {@code EasyTrain.fit}, pruning with InfoBatch at its defaults (r = 0.5, delta =
     * 0.875, seed 42).
     *
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset}
     * @param validateDataset the validation set, or {@code null}
     * @return the pruner, with its per-epoch statistics and state
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static InfoBatch fit(
            Trainer trainer, int numEpoch, Dataset trainingDataset, Dataset validateDataset)
            throws IOException, TranslateException {
        return fit(trainer, numEpoch, trainingDataset, validateDataset, InfoBatch.builder());
    }

    /**
     * Trains like {@code EasyTrain.fit}, pruning with InfoBatch configured by a builder whose
     * dataset size and epochs are filled in here.
     *
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset}
     * @param validateDataset the validation set, or {@code null}
     * @param settings the InfoBatch settings (prune ratio, delta, seed)
     * @return the pruner, with its per-epoch statistics and state
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static InfoBatch fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            InfoBatch.Builder settings)
            throws IOException, TranslateException {
        RandomAccessDataset dataset = requireRandomAccess(trainingDataset, "InfoBatch");
        if (dataset.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "The training dataset has "
                            + dataset.size()
                            + " samples; InfoBatch supports at most "
                            + Integer.MAX_VALUE
                            + ": split it into shards of fewer samples.");
        }
        InfoBatch infoBatch =
                settings.setDatasetSize((int) dataset.size()).setEpochs(numEpoch).build();
        PrunedDataset pruned =
                PrunedDataset.builder().setDataset(dataset).setPolicy(infoBatch).build();
        PrunedTraining.fit(trainer, numEpoch, pruned, validateDataset);
        return infoBatch;
    }

    static RandomAccessDataset requireRandomAccess(Dataset dataset, String policy) {
        if (dataset instanceof RandomAccessDataset randomAccess) {
            if (randomAccess.size() == 0) {
                throw new IllegalArgumentException(
                        "The training dataset "
                                + dataset.getClass().getName()
                                + " is empty (size 0); "
                                + policy
                                + " needs at least one sample: check"
                                + " the data directory, limit or split that built it.");
            }
            return randomAccess;
        }
        throw new IllegalArgumentException(
                policy
                        + " needs a RandomAccessDataset to pick samples by index, but the training"
                        + " dataset is "
                        + (dataset == null ? "null" : dataset.getClass().getName())
                        + "; load it into an ArrayDataset or another RandomAccessDataset.");
    }
}
