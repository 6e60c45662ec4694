package dev.greentrain.reduction;

/**
 * Solves {@code min 1/2 w^T K w - u^T w} subject to {@code 0 <= w_i <= upper} for a symmetric
 * positive semi-definite K with a positive diagonal, by projected coordinate descent (each step
 * minimises exactly over one coordinate and clips it to the box), warm-started.
 *
 * <p>For a convex box-constrained problem every sweep lowers the objective and the iteration
 * converges to a minimiser; it stops when no coordinate moves by more than {@code tolerance} (times
 * max(1, |w_i|)) in a sweep, or after {@code maxSweeps}.
 */
final class BoxQuadraticProgram {

    private BoxQuadraticProgram() {}

    /**
     * Solves the programme in place.
     *
     * @param k the matrix, row-major, size x size
     * @param u the linear term
     * @param w the start on entry, the solution on exit
     * @param size the number of variables
     * @param upper the upper bound of every variable
     * @param tolerance the largest move that counts as converged
     * @param maxSweeps the most sweeps
     * @return the sweeps performed
     */
    static int solve(
            double[] k,
            double[] u,
            double[] w,
            int size,
            double upper,
            double tolerance,
            int maxSweeps) {
        for (int sweep = 1; sweep <= maxSweeps; sweep++) {
            double largestMove = 0;
            for (int j = 0; j < size; j++) {
                double gradient = -u[j];
                for (int l = 0; l < size; l++) {
                    gradient += k[j * size + l] * w[l];
                }
                double next = Math.min(upper, Math.max(0, w[j] - gradient / k[j * size + j]));
                largestMove =
                        Math.max(largestMove, Math.abs(next - w[j]) / Math.max(1, Math.abs(w[j])));
                w[j] = next;
            }
            if (largestMove <= tolerance) {
                return sweep;
            }
        }
        return maxSweeps;
    }
}
