package dev.greentrain.compare;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;

/**
 * A listener that makes its arm hand the turn on every few batches (training and evaluation alike),
 * reporting how far the arm is in its epoch so that the arm furthest behind goes next, and pausing
 * the arm's clock and energy window while another arm computes.
 */
final class TurnTaking extends TrainingListenerAdapter {

    private final Runnable pause;
    private final Runnable resume;
    private final int batchesPerTurn;
    private Turns turns;
    private int position;
    private int batches;

    /**
     * Creates the listener.
     *
     * @param pause stops the arm's clock and closes its energy window
     * @param resume restarts them
     * @param batchesPerTurn the batches an arm computes before it hands the turn on
     */
    TurnTaking(Runnable pause, Runnable resume, int batchesPerTurn) {
        this.pause = pause;
        this.resume = resume;
        this.batchesPerTurn = batchesPerTurn;
    }

    /**
     * Joins an epoch's turns, or leaves them.
     *
     * @param turns the epoch's turns, or {@code null} to run without handing over
     * @param position the arm's position in the epoch's order
     */
    synchronized void join(Turns turns, int position) {
        this.turns = turns;
        this.position = position;
        this.batches = 0;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        maybeHandOver(batchData, 0);
    }

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        maybeHandOver(batchData, 1);
    }

    /** The fraction of its epoch's batches (or samples) a batch completes, from its progress. */
    private static double fraction(BatchData batchData) {
        Batch batch = batchData.getBatch();
        long total = batch.getProgressTotal();
        return total > 0 ? Math.min(1, (batch.getProgress() + 1.0) / total) : 0;
    }

    /** Hands the turn on every few batches; {@code phase} is 0 in training, 1 in evaluation. */
    private void maybeHandOver(BatchData batchData, int phase) {
        Turns current;
        synchronized (this) {
            current = turns;
            if (current == null || ++batches % batchesPerTurn != 0) {
                return;
            }
        }
        pause.run();
        current.pass(position, phase + fraction(batchData));
        current.await(position);
        resume.run();
    }
}
