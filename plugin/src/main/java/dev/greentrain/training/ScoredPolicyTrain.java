package dev.greentrain.training;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.greentrain.pruning.ScoredPolicy;
import dev.greentrain.pruning.ScoredPolicyBuilder;
import java.io.IOException;

/**
 * The one-line adoption of a policy that prunes by stale loss (loss-proportional sampling, OrderDP,
 * SeTa), e.g. at a budget: replace {@code EasyTrain.fit(trainer, epochs, train, validate)} by
 * {@code ScoredPolicyTrain.fit(trainer, epochs, train, validate,
 * LossProportionalSampling.builder().optBudget(0.5))}.
 *
 * <p>The builder's dataset size and epochs are filled in here from the training set and {@code
 * numEpoch}; call it once per run (a second call on the same trainer is refused, as for {@link
 * InfoBatchTrain}). To keep the policy when training fails, or to resume from a saved state, build
 * it yourself and use {@link DreamTrain#fit(Trainer, int, Dataset, Dataset,
 * dev.greentrain.pruning.PruningPolicy)}.
 */
public final class ScoredPolicyTrain {

    private ScoredPolicyTrain() {}

    /**
     * Trains like {@code EasyTrain.fit}, each epoch on the samples the policy plans; once per
     * trainer.
     *
     * @param trainer the trainer; its loss must have a per-sample form
     * @param numEpoch the number of epochs, at least 1
     * @param trainingDataset the training set, a {@link RandomAccessDataset}
     * @param validateDataset the validation set, or {@code null}
     * @param settings the policy's builder (budget, seed, ...) without dataset size or epochs
     * @return the policy, with its per-epoch statistics and state
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     * @throws IllegalStateException if a one-line fit already trained this trainer
     */
    public static ScoredPolicy fit(
            Trainer trainer,
            int numEpoch,
            Dataset trainingDataset,
            Dataset validateDataset,
            ScoredPolicyBuilder<?> settings)
            throws IOException, TranslateException {
        OneLineFitGuard.requireFirst(
                trainer,
                "ScoredPolicyTrain.fit(trainer, numEpoch, train, validate, settings)",
                "build the policy with setDatasetSize((int) train.size()).setEpochs(totalEpochs),"
                        + " then DreamTrain.fit(trainer, 1, train, validate, policy) in each"
                        + " iteration.");
        RandomAccessDataset dataset =
                InfoBatchTrain.requireRandomAccess(trainingDataset, "The policy");
        if (dataset.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "The training dataset has "
                            + dataset.size()
                            + " samples; the policies support at most "
                            + Integer.MAX_VALUE
                            + "; train on a subset.");
        }
        ScoredPolicy policy =
                settings.setDatasetSize((int) dataset.size()).setEpochs(numEpoch).build();
        try {
            return DreamTrain.fit(trainer, numEpoch, dataset, validateDataset, policy);
        } finally {
            OneLineFitGuard.remember(trainer, policy);
        }
    }
}
