package dev.greentrain.samples.compare;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.training.PruningAware;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A listener that records a run's learning curve: after every epoch its samples, its training wall
 * time (up to the end of its last training batch, so the validation pass is excluded) and the
 * validation accuracy DJL computed on the test set.
 */
public final class EpochRecorder extends TrainingListenerAdapter implements PruningAware {

    private final List<EpochPoint> points = new ArrayList<>();
    private final String accuracyName;
    private PruningPolicy policy;
    private long epochStart = System.nanoTime();
    private long lastTrainingBatchEnd = epochStart;
    private long epochSamples;
    private long samplerPassesBefore;

    /**
     * Creates a recorder that reads the validation accuracy from an evaluator.
     *
     * @param accuracyName the name of the trainer's accuracy evaluator, e.g. {@code Accuracy}
     */
    public EpochRecorder(String accuracyName) {
        this.accuracyName = accuracyName;
    }

    /** {@inheritDoc} */
    @Override
    public void setPruningPolicy(PruningPolicy policy) {
        this.policy = policy;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        epochStart = System.nanoTime();
        lastTrainingBatchEnd = epochStart;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        epochSamples += batchData.getBatch().getSize();
        lastTrainingBatchEnd = System.nanoTime();
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        long samplerPasses = policy == null ? 0 : policy.getSamplerForwardPasses();
        Float accuracy = trainer.getTrainingResult().getValidateEvaluation(accuracyName);
        if (accuracy == null) {
            throw new IllegalStateException(
                    "No validation accuracy named "
                            + accuracyName
                            + " after epoch "
                            + points.size()
                            + ": train with a validation set and that evaluator.");
        }
        points.add(
                new EpochPoint(
                        points.size(),
                        epochSamples,
                        samplerPasses - samplerPassesBefore,
                        (lastTrainingBatchEnd - epochStart) / 1e9,
                        // the float's decimal value, not its binary expansion (0.7968, not
                        // 0.79680001)
                        Double.parseDouble(accuracy.toString())));
        samplerPassesBefore = samplerPasses;
        epochSamples = 0;
        epochStart = System.nanoTime();
    }

    /**
     * Returns the learning curve recorded so far.
     *
     * @return one point per finished epoch
     */
    public List<EpochPoint> getPoints() {
        return Collections.unmodifiableList(points);
    }
}
