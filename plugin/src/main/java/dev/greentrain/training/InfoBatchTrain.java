package dev.greentrain.training;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.infobatch.InfoBatch;
import java.io.IOException;

/**
 * The one-line adoption of InfoBatch: replace {@code EasyTrain.fit(trainer, epochs, train,
 * validate)} by {@code InfoBatchTrain.fit(trainer, epochs, train, validate)}.
 *
 * <p>To keep the pruner when training fails (to save it and resume), or to resume from a saved
 * state, build the {@link InfoBatch} yourself and pass it in: {@link #fit(Trainer, int, Dataset,
 * Dataset, InfoBatch)}. If {@code fit} throws, the epoch it was in does not count ({@link
 * InfoBatch#abortEpoch()}), so {@code infoBatch.save(file)} in the caller's {@code catch} (or
 * {@code finally}) writes a state that trains that epoch again from its start.
 *
 * <p>The overloads without a pruner build a fresh one per call, for {@code numEpoch} epochs: call
 * them once per run. A second such call on the same trainer is refused (it would start again at
 * epoch 0 and prune nothing); to train one epoch per call, build the pruner for the run's epochs
 * and pass it to every call.
 *
 * <p>When the run's last epoch is trained, one INFO line sums it up: the samples trained of the
 * full-data count, the saving, why it is small when epochs trained on all data (epoch 0 and the
 * annealing epochs), and that DJL's training accuracy and loss of pruned epochs are measured on the
 * kept, harder samples.
 */
public final class InfoBatchTrain {

    private InfoBatchTrain() {}

    /**
     * Trains like {@code EasyTrain.fit}, pruning with InfoBatch at its defaults (r = 0.5, delta =
     * 0.875, seed 42); once per trainer (see the class description).
     *
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset}
     * @param validateDataset the validation set, or {@code null}
     * @return the pruner, with its per-epoch statistics and state (to keep it reachable when
     *     training fails, use {@link #fit(Trainer, int, Dataset, Dataset, InfoBatch)})
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
     * dataset size and epochs are filled in here; once per trainer (see the class description).
     *
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset}
     * @param validateDataset the validation set, or {@code null}
     * @param settings the InfoBatch settings (prune ratio, delta, seed)
     * @return the pruner, with its per-epoch statistics and state
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalStateException if a one-line fit already trained this trainer
     */
    public static InfoBatch fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            InfoBatch.Builder settings)
            throws IOException, TranslateException {
        OneLineFitGuard.requireFirst(
                trainer,
                "InfoBatchTrain.fit(trainer, numEpoch, train, validate)",
                "InfoBatch infoBatch = InfoBatch.builder().setDatasetSize((int) train.size())"
                        + ".setEpochs(totalEpochs).build(); then InfoBatchTrain.fit(trainer, 1,"
                        + " train, validate, infoBatch) in each iteration (InfoBatch needs the"
                        + " run's total epochs for its annealing).");
        RandomAccessDataset dataset = requireRandomAccess(trainingDataset, "InfoBatch");
        requireIntSize(dataset);
        InfoBatch infoBatch =
                settings.setDatasetSize((int) dataset.size()).setEpochs(numEpoch).build();
        try {
            return fit(trainer, numEpoch, dataset, validateDataset, infoBatch);
        } finally {
            OneLineFitGuard.remember(trainer, infoBatch);
        }
    }

    /**
     * Trains like {@code EasyTrain.fit} with a pruner the caller built (and may have loaded a saved
     * state into): the caller keeps it, to save it after an epoch or after a failure.
     *
     * <p>Typical use: build {@code InfoBatch.builder().setDatasetSize(n).setEpochs(total)...}, call
     * {@code load(file)} when a state exists, then {@code fit(trainer, total -
     * infoBatch.getNextEpoch(), train, validate, infoBatch)} and save in a {@code finally}.
     *
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs to train now, at least 1 and at most the pruner's epochs
     *     not yet trained ({@code getEpochs() - getNextEpoch()})
     * @param trainingDataset the training set the pruner was built for, a {@link
     *     RandomAccessDataset}
     * @param validateDataset the validation set, or {@code null}
     * @param infoBatch the pruner, built for the training set's size
     * @return the same pruner, with its per-epoch statistics and state
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static InfoBatch fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            InfoBatch infoBatch)
            throws IOException, TranslateException {
        int left = infoBatch.getEpochs() - infoBatch.getNextEpoch();
        if (numEpoch < 1 || numEpoch > left) {
            throw new IllegalArgumentException(
                    "numEpoch = "
                            + numEpoch
                            + " is invalid: the InfoBatch was built for "
                            + infoBatch.getEpochs()
                            + " epochs and has trained "
                            + infoBatch.getNextEpoch()
                            + ", so 1.."
                            + left
                            + " are left; pass getEpochs() - getNextEpoch() to finish the run.");
        }
        return DreamTrain.fit(trainer, numEpoch, trainingDataset, validateDataset, infoBatch);
    }

    private static void requireIntSize(RandomAccessDataset dataset) {
        if (dataset.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "The training dataset has "
                            + dataset.size()
                            + " samples; InfoBatch supports at most "
                            + Integer.MAX_VALUE
                            + ": split it into shards of fewer samples.");
        }
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
