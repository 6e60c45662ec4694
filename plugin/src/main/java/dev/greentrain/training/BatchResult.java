package dev.greentrain.training;

/**
 * What training one batch found: the rows whose per-sample loss was not finite, and whether the
 * optimizer may step.
 *
 * @param nonFiniteIndices the dataset indices of the rows whose loss was NaN or infinite (left out
 *     of the loss, unscored)
 * @param hasFiniteLoss whether at least one row had a finite loss; when false the batch produced no
 *     gradient and its optimizer step must be skipped
 */
public record BatchResult(long[] nonFiniteIndices, boolean hasFiniteLoss) {

    /**
     * Returns the number of rows whose loss was not finite.
     *
     * @return the count of non-finite per-sample losses
     */
    public int nonFiniteLosses() {
        return nonFiniteIndices.length;
    }
}
