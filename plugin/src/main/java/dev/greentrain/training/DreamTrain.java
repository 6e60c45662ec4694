package dev.greentrain.training;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.dream.Clustering;
import dev.greentrain.dream.DreamSampler;
import dev.greentrain.dream.Embedder;
import dev.greentrain.pruning.PrunedDataset;
import dev.greentrain.pruning.PruningPolicy;
import java.io.IOException;

/**
 * The one-line adoption of DREAM sampling (or any sampling policy): replace {@code
 * EasyTrain.fit(trainer, epochs, train, validate)} by {@code DreamTrain.fit(trainer, epochs, train,
 * validate, budget)}.
 *
 * <p>To keep the sampler reachable when training fails, build it yourself and pass it to {@link
 * #fit(Trainer, int, Dataset, Dataset, PruningPolicy)}: if {@code fit} throws, the epoch it was in
 * does not count ({@link PruningPolicy#abortEpoch()}), and the next {@code fit} with the same
 * policy trains that epoch again from its start.
 *
 * <p>When training ends, one INFO line sums up the policy's epochs: the samples trained of the
 * full-data count, the saving, why it is small when epochs trained on all data, and that DJL's
 * training accuracy and loss of pruned epochs are measured on the kept, harder samples.
 */
public final class DreamTrain {

    private DreamTrain() {}

    /**
     * Trains like {@code EasyTrain.fit} on a DREAM sample of {@code budget} of the data per epoch,
     * clustering the model's features ({@link Embedder#features}: every child of the trainer's
     * {@code SequentialBlock} but the last) with the defaults of {@link Clustering} and {@link
     * DreamSampler}. Call it once per trainer: a second call would build a fresh sampler (see
     * {@link #fit(Trainer, int, Dataset, Dataset, PruningPolicy)} to train one epoch per call).
     *
     * @param trainer the trainer, initialised; its model's block must be a SequentialBlock
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset} with integer labels
     * @param validateDataset the validation set, or {@code null}
     * @param budget the fraction of the data each epoch trains, in (0, 1]
     * @return the sampler, with its statistics and embedding forward passes
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalStateException if a one-line fit already trained this trainer
     */
    public static DreamSampler fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            double budget)
            throws IOException, TranslateException {
        OneLineFitGuard.requireFirst(
                trainer,
                "DreamTrain.fit(trainer, numEpoch, train, validate, budget)",
                "DreamSampler sampler = DreamSampler.builder().setClusters(Clustering.builder()"
                        + ".setDataset(train).setEmbedder(Embedder.features(model.getBlock()))"
                        + ".build()).optBudget(budget).build(); then DreamTrain.fit(trainer, 1,"
                        + " train, validate, sampler) in each iteration.");
        Clustering clustering =
                Clustering.builder()
                        .setDataset(
                                InfoBatchTrain.requireRandomAccess(
                                        trainingDataset, "DREAM sampling"))
                        .setEmbedder(Embedder.features(trainer.getModel().getBlock()))
                        .optDevice(trainer.getDevices()[0])
                        .build();
        DreamSampler sampler =
                DreamSampler.builder().setClusters(clustering).optBudget(budget).build();
        try {
            return fit(trainer, numEpoch, trainingDataset, validateDataset, sampler);
        } finally {
            OneLineFitGuard.remember(trainer, sampler);
        }
    }

    /**
     * Trains like {@code EasyTrain.fit} with a sampling policy built for this training set, e.g. a
     * configured {@link DreamSampler} or {@code StratifiedInfoBatch}; the caller keeps the policy,
     * also when this method throws (the failed epoch is then aborted, see {@link
     * PruningPolicy#abortEpoch()}).
     *
     * @param <P> the policy type
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set the policy was built for
     * @param validateDataset the validation set, or {@code null}
     * @param policy the policy
     * @return the policy, with its statistics
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static <P extends PruningPolicy> P fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            P policy)
            throws IOException, TranslateException {
        PrunedDataset pruned =
                PrunedDataset.builder()
                        .setDataset(
                                InfoBatchTrain.requireRandomAccess(
                                        trainingDataset, policy.getClass().getSimpleName()))
                        .setPolicy(policy)
                        .build();
        PrunedTraining.fit(trainer, numEpoch, pruned, validateDataset);
        TrainingSummary.log(policy);
        return policy;
    }
}
