package dev.greentrain.reduction;

import java.util.Arrays;

/**
 * Solves {@code min 1/2 w^T K w - u^T w} subject to {@code 0 <= w_i <= upper} for a symmetric
 * positive semi-definite K with a non-negative diagonal, exactly, by a primal active-set method
 * whose variables can be added one at a time (each new one at 0) and which restarts from the last
 * solution.
 *
 * <p>Every variable is either fixed at a bound or free. The free variables' block {@code K_FF} is
 * kept as a Cholesky factor {@code L L^T}, extended by one row in O(f^2) when a variable is freed
 * and repaired by Givens rotations in O(f^2) when one is fixed. Each iteration solves for the free
 * variables with the others fixed; if that point leaves the box, the step stops at the first bound
 * met and that variable is fixed; otherwise the fixed variable whose gradient most violates the
 * optimality conditions is freed, or, if none does, the point is optimal. A variable whose column
 * is (numerically) a combination of the free ones' (Schur complement below {@link #SINGULAR} times
 * its diagonal) is not factored: along the direction that moves it and keeps the free gradients at
 * 0 the objective is then (nearly) linear, and the step goes to the first bound met (or to the
 * minimum along that direction if it is nearer, the variable then joining the factor). The
 * optimality (Karush-Kuhn-Tucker) conditions are measured relative to the size of the gradient's
 * terms ({@code |u_i| + sum_l |K_il w_l|}): it stops when no fixed variable's gradient has the
 * wrong sign by more than {@code tolerance} (at 0 it must be non-negative, at the upper bound
 * non-positive), and then checks that every free gradient is within {@code 1000 tolerance} of 0,
 * failing loudly otherwise. Cost per iteration: O(f^2) for the solve plus O(size * nonzero weights)
 * for the fixed variables' gradients.
 */
final class BoxQuadraticProgram {

    /** A Schur complement at most this fraction of the diagonal counts as singular. */
    static final double SINGULAR = 1e-11;

    private static final byte LOWER = 0;
    private static final byte UPPER = 1;
    private static final byte FREE = 2;

    private final int capacity;
    private final double upper;
    private final double[] k;
    private final double[] u;
    private final double[] w;
    private final byte[] state;
    private final int[] free;
    private final double[] factor;
    private final double[] work;
    private final double[] step;
    private int size;
    private int freeCount;
    private boolean atSubspaceMinimum = true;

    /**
     * Creates an empty programme.
     *
     * @param capacity the most variables it will hold
     * @param upper the upper bound of every variable, positive
     */
    BoxQuadraticProgram(int capacity, double upper) {
        this.capacity = capacity;
        this.upper = upper;
        this.k = new double[capacity * capacity];
        this.u = new double[capacity];
        this.w = new double[capacity];
        this.state = new byte[capacity];
        this.free = new int[capacity];
        this.factor = new double[capacity * capacity];
        this.work = new double[capacity];
        this.step = new double[capacity];
    }

    /**
     * Solves one programme from {@code w = 0}.
     *
     * @param k the matrix, row-major, size x size
     * @param u the linear term
     * @param size the number of variables
     * @param upper the upper bound of every variable
     * @param tolerance the relative optimality tolerance, e.g. 1e-10
     * @return the minimiser
     */
    static double[] solve(double[] k, double[] u, int size, double upper, double tolerance) {
        BoxQuadraticProgram programme = new BoxQuadraticProgram(size, upper);
        double[] column = new double[size];
        for (int j = 0; j < size; j++) {
            System.arraycopy(k, j * size, column, 0, j + 1);
            programme.add(column, u[j]);
        }
        programme.solve(tolerance);
        return programme.weights();
    }

    /**
     * Adds a variable at 0.
     *
     * @param column its row of K: {@code column[s]} for every earlier variable s, then its diagonal
     *     at {@code column[size()]}
     * @param linear its entry of u
     */
    void add(double[] column, double linear) {
        int j = size;
        for (int s = 0; s <= j; s++) {
            k[j * capacity + s] = column[s];
            k[s * capacity + j] = column[s];
        }
        u[j] = linear;
        w[j] = 0;
        state[j] = LOWER;
        size++;
    }

    /**
     * Returns the number of variables.
     *
     * @return the variables added so far
     */
    int size() {
        return size;
    }

    /**
     * Returns the current weights.
     *
     * @return a copy, one per variable
     */
    double[] weights() {
        return Arrays.copyOf(w, size);
    }

    /**
     * Returns the gradient {@code (K w - u)_i}.
     *
     * @param i a variable
     * @return its gradient
     */
    double gradient(int i) {
        return gradientAndScale(i, nonZero(), new double[2])[0];
    }

    /**
     * Returns how far the current point is from optimal: the largest violation of the
     * Karush-Kuhn-Tucker conditions, each divided by {@code |u_i| + sum_l |K_il w_l|} (or 1 if that
     * is 0).
     *
     * @return 0 at an exact minimiser
     */
    double kktViolation() {
        int[] nonZero = nonZero();
        double[] pair = new double[2];
        double worst = 0;
        for (int i = 0; i < size; i++) {
            gradientAndScale(i, nonZero, pair);
            double g = pair[0];
            double violation;
            if (w[i] < 0 || w[i] > upper) {
                violation = Double.POSITIVE_INFINITY;
            } else if (w[i] == 0) {
                violation = Math.max(0, -g);
            } else if (w[i] == upper) {
                violation = Math.max(0, g);
            } else {
                violation = Math.abs(g);
            }
            worst = Math.max(worst, violation / pair[1]);
        }
        return worst;
    }

    /** The variables whose weight is not 0, then -1. */
    private int[] nonZero() {
        int[] out = new int[size + 1];
        int count = 0;
        for (int l = 0; l < size; l++) {
            if (w[l] != 0) {
                out[count++] = l;
            }
        }
        out[count] = -1;
        return out;
    }

    /**
     * Writes {@code (K w - u)_i} and {@code |u_i| + sum_l |K_il w_l|} (1 if 0) to {@code out[0]}
     * and {@code out[1]}.
     */
    private double[] gradientAndScale(int i, int[] nonZero, double[] out) {
        double g = -u[i];
        double scale = Math.abs(u[i]);
        int row = i * capacity;
        for (int t = 0; nonZero[t] >= 0; t++) {
            int l = nonZero[t];
            double term = k[row + l] * w[l];
            g += term;
            scale += Math.abs(term);
        }
        out[0] = g;
        out[1] = scale > 0 ? scale : 1;
        return out;
    }

    /**
     * Minimises from the current point.
     *
     * @param tolerance the relative optimality tolerance, e.g. 1e-10
     * @return the iterations taken
     * @throws IllegalStateException if the optimum is not reached within {@code 50 (size + 10)}
     *     iterations
     */
    int solve(double tolerance) {
        int limit = 50 * (size + 10);
        for (int iteration = 1; iteration <= limit; iteration++) {
            if (!atSubspaceMinimum && stepToSubspaceMinimum()) {
                continue;
            }
            int violator = worstViolator(tolerance);
            if (violator < 0) {
                // the fixed variables' conditions were just checked; the free ones' gradients
                double freeViolation = freeViolation();
                if (freeViolation > 1000 * tolerance) {
                    throw new IllegalStateException(
                            "The ProtoDash weights did not reach optimality: a free gradient is "
                                    + freeViolation
                                    + " of its terms after "
                                    + iteration
                                    + " iterations.");
                }
                return iteration;
            }
            release(violator);
        }
        throw new IllegalStateException(
                "The ProtoDash weights did not converge in "
                        + limit
                        + " active-set iterations (KKT violation "
                        + kktViolation()
                        + ").");
    }

    /**
     * Moves the free variables towards their minimum with the fixed ones held, stopping at the
     * first bound met and fixing that variable.
     *
     * @return whether a bound stopped the step
     */
    private boolean stepToSubspaceMinimum() {
        if (freeCount == 0) {
            atSubspaceMinimum = true;
            return false;
        }
        for (int r = 0; r < freeCount; r++) {
            int i = free[r];
            double rhs = u[i];
            int row = i * capacity;
            for (int l = 0; l < size; l++) {
                if (state[l] == UPPER) {
                    rhs -= k[row + l] * upper;
                }
            }
            work[r] = rhs;
        }
        solveFactored(work);
        for (int r = 0; r < freeCount; r++) {
            step[r] = work[r] - w[free[r]];
        }
        boolean blocked = moveFree(1, -1, 0);
        atSubspaceMinimum = !blocked;
        return blocked;
    }

    /**
     * Moves every free variable by {@code alpha * step} (and variable {@code extra} by {@code alpha
     * * extraStep}), shortened to the first bound met; that variable is fixed at its bound.
     *
     * @return whether a bound shortened the move
     */
    private boolean moveFree(double alpha, int extra, double extraStep) {
        int blocking = -1;
        for (int r = 0; r < freeCount; r++) {
            double ratio = ratio(w[free[r]], step[r]);
            if (ratio < alpha) {
                alpha = ratio;
                blocking = r;
            }
        }
        boolean extraBlocks = false;
        if (extra >= 0) {
            double ratio = ratio(w[extra], extraStep);
            if (ratio <= alpha) {
                alpha = ratio;
                extraBlocks = true;
            }
        }
        for (int r = 0; r < freeCount; r++) {
            int i = free[r];
            w[i] = Math.min(upper, Math.max(0, w[i] + alpha * step[r]));
        }
        if (extra >= 0) {
            w[extra] = Math.min(upper, Math.max(0, w[extra] + alpha * extraStep));
        }
        if (extraBlocks) {
            fixAtNearestBound(extra);
            return true;
        }
        if (blocking >= 0) {
            int i = free[blocking];
            fixAtNearestBound(i);
            removeFromFactor(blocking);
            return true;
        }
        return false;
    }

    private double ratio(double value, double direction) {
        if (direction < 0) {
            return value / -direction;
        }
        if (direction > 0) {
            return (upper - value) / direction;
        }
        return Double.POSITIVE_INFINITY;
    }

    private void fixAtNearestBound(int i) {
        boolean top = w[i] > upper / 2;
        w[i] = top ? upper : 0;
        state[i] = top ? UPPER : LOWER;
    }

    /** Returns the largest free gradient relative to its terms. */
    private double freeViolation() {
        int[] nonZero = nonZero();
        double[] pair = new double[2];
        double worst = 0;
        for (int r = 0; r < freeCount; r++) {
            gradientAndScale(free[r], nonZero, pair);
            worst = Math.max(worst, Math.abs(pair[0]) / pair[1]);
        }
        return worst;
    }

    /** Returns the fixed variable whose gradient most violates optimality, or -1. */
    private int worstViolator(double tolerance) {
        int[] nonZero = nonZero();
        double[] pair = new double[2];
        int worst = -1;
        double worstViolation = tolerance;
        for (int i = 0; i < size; i++) {
            if (state[i] == FREE) {
                continue;
            }
            gradientAndScale(i, nonZero, pair);
            double violation = (state[i] == LOWER ? -pair[0] : pair[0]) / pair[1];
            if (violation > worstViolation) {
                worstViolation = violation;
                worst = i;
            }
        }
        return worst;
    }

    /**
     * Frees a fixed variable: adds it to the factor, or, if its column depends on the free ones',
     * moves along the direction of zero curvature until a bound is met (repeating after a free
     * variable is fixed).
     */
    private void release(int j) {
        state[j] = FREE;
        atSubspaceMinimum = false;
        while (true) {
            double[] l = work;
            int row = j * capacity;
            for (int r = 0; r < freeCount; r++) {
                l[r] = k[row + free[r]];
            }
            forwardSubstitute(l);
            double schur = k[row + j];
            for (int r = 0; r < freeCount; r++) {
                schur -= l[r] * l[r];
            }
            if (schur > SINGULAR * k[row + j]) {
                appendToFactor(j, l, schur);
                return;
            }
            // d_j = sign, d_F = -sign K_FF^-1 K_Fj keeps K_F. d = 0; the slope along d is sign g_j
            double g = gradientAndScale(j, nonZero(), new double[2])[0];
            double sign = g < 0 ? 1 : g > 0 ? -1 : (w[j] < upper / 2 ? 1 : -1);
            backSubstitute(l);
            for (int r = 0; r < freeCount; r++) {
                step[r] = -sign * l[r];
            }
            double slope = sign * g;
            double alpha = Double.POSITIVE_INFINITY;
            boolean interior = false;
            if (schur > 0 && -slope / schur < ratioOfAll(j, sign)) {
                alpha = -slope / schur;
                interior = true;
            }
            boolean blocked = moveFree(alpha, j, sign);
            if (interior && !blocked) {
                for (int r = 0; r < freeCount; r++) {
                    l[r] = k[row + free[r]];
                }
                forwardSubstitute(l);
                appendToFactor(j, l, schur);
                return;
            }
            if (state[j] != FREE) {
                return;
            }
        }
    }

    private double ratioOfAll(int j, double sign) {
        double alpha = ratio(w[j], sign);
        for (int r = 0; r < freeCount; r++) {
            alpha = Math.min(alpha, ratio(w[free[r]], step[r]));
        }
        return alpha;
    }

    private void appendToFactor(int j, double[] l, double schur) {
        int row = freeCount * capacity;
        System.arraycopy(l, 0, factor, row, freeCount);
        factor[row + freeCount] = Math.sqrt(schur);
        free[freeCount++] = j;
        state[j] = FREE;
    }

    /** Deletes the free variable at position r and restores L to lower-triangular form. */
    private void removeFromFactor(int r) {
        for (int t = r; t < freeCount - 1; t++) {
            System.arraycopy(factor, (t + 1) * capacity, factor, t * capacity, t + 2);
            free[t] = free[t + 1];
        }
        freeCount--;
        for (int i = r; i < freeCount; i++) {
            int rowI = i * capacity;
            double a = factor[rowI + i];
            double b = factor[rowI + i + 1];
            double rho = Math.hypot(a, b);
            double cos = a / rho;
            double sin = b / rho;
            for (int t = i; t < freeCount; t++) {
                int rowT = t * capacity;
                double x = factor[rowT + i];
                double y = factor[rowT + i + 1];
                factor[rowT + i] = cos * x + sin * y;
                factor[rowT + i + 1] = -sin * x + cos * y;
            }
            factor[rowI + i + 1] = 0;
        }
    }

    /** Solves {@code L L^T x = b} in place. */
    private void solveFactored(double[] b) {
        forwardSubstitute(b);
        backSubstitute(b);
    }

    /** Solves {@code L x = b} in place. */
    private void forwardSubstitute(double[] b) {
        for (int r = 0; r < freeCount; r++) {
            int row = r * capacity;
            double sum = b[r];
            for (int c = 0; c < r; c++) {
                sum -= factor[row + c] * b[c];
            }
            b[r] = sum / factor[row + r];
        }
    }

    /** Solves {@code L^T x = b} in place. */
    private void backSubstitute(double[] b) {
        for (int r = freeCount - 1; r >= 0; r--) {
            double sum = b[r] / factor[r * capacity + r];
            b[r] = sum;
            for (int c = 0; c < r; c++) {
                b[c] -= factor[r * capacity + c] * sum;
            }
        }
    }
}
