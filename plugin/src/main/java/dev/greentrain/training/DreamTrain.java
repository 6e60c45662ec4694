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
 */
public final class DreamTrain {

    private DreamTrain() {}

    /**
     * Trains like {@code EasyTrain.fit} on a DREAM sample of {@code budget} of the data per epoch,
     * clustering the model's features ({@link Embedder#features}: every child of the trainer's
     * {@code SequentialBlock} but the last) with the defaults of {@link Clustering} and {@link
     * DreamSampler}.
     *
     * @param trainer the trainer, initialised; its model's block must be a SequentialBlock
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset} with integer labels
     * @param validateDataset the validation set, or {@code null}
     * @param budget the fraction of the data each epoch trains, in (0, 1]
     * @return the sampler, with its statistics and embedding forward passes
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static DreamSampler fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            double budget)
            throws IOException, TranslateException {
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
        return fit(trainer, numEpoch, trainingDataset, validateDataset, sampler);
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
        return policy;
    }
}
