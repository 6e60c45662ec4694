package dev.greentrain.samples;

import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.Locale;

/**
 * Prints one line per epoch to standard output: the samples trained, and DJL's training and
 * validation accuracy and loss (the training figures of a pruned epoch are measured on the kept,
 * harder samples).
 */
final class EpochLine extends TrainingListenerAdapter {

    private final int epochs;
    private int epoch;
    private long samples;

    /**
     * Creates the listener.
     *
     * @param epochs the epochs of the run, for "epoch n of N"
     */
    EpochLine(int epochs) {
        this.epochs = epochs;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        samples += batchData.getBatch().getSize();
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        epoch++;
        TrainingResult result = trainer.getTrainingResult();
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "Epoch %d/%d: trained %,d samples; train accuracy %.4f, loss %.4f;"
                                + " validate accuracy %.4f, loss %.4f",
                        epoch,
                        epochs,
                        samples,
                        result.getTrainEvaluation("Accuracy"),
                        result.getTrainLoss(),
                        result.getValidateEvaluation("Accuracy"),
                        result.getValidateLoss()));
        samples = 0;
    }
}
