package dev.greentrain.losssampling;

import dev.greentrain.pruning.SplitMix64;
import java.util.Arrays;

/**
 * Inclusion probabilities proportional to a sample's stale loss plus the mean loss, capped at 1 and
 * summing to the epoch's sample count, and the pivotal draw that includes each sample with exactly
 * its probability.
 */
final class InclusionProbabilities {

    private final float[] scores;
    private final float fill;
    private final double offset;
    private final double scale;
    private final int capped;

    private InclusionProbabilities(
            float[] scores, float fill, double offset, double scale, int capped) {
        this.scores = scores;
        this.fill = fill;
        this.offset = offset;
        this.scale = scale;
        this.capped = capped;
    }

    /**
     * Solves for the scale c of {@code p_i = min(1, c * (s_i + mean))} with {@code sum p_i =
     * count}; an unscored sample ({@code NaN}) counts as the mean of the scored ones, a negative
     * loss as 0, and with no positive score every sample is equally likely.
     *
     * @param scores the stale losses ({@code NaN}: unscored), not changed
     * @param count the samples to include, from 1 to {@code scores.length}
     * @return the probabilities
     */
    static InclusionProbabilities solve(float[] scores, int count) {
        return solve(scores, count, Float.NaN);
    }

    /**
     * Solves as {@link #solve(float[], int)}, gathering the tail of the losses in the first pass
     * when a hint from the previous epoch says where it starts: the same result, one pass fewer
     * when the hint holds.
     *
     * @param scores the stale losses ({@code NaN}: unscored), not changed
     * @param count the samples to include, from 1 to {@code scores.length}
     * @param tailHint the loss from which the capped set's search gathers samples ({@link
     *     #tailHint()} of the previous epoch), or {@code NaN} for none
     * @return the probabilities
     */
    static InclusionProbabilities solve(float[] scores, int count, float tailHint) {
        double sum = 0;
        int scored = 0;
        CappedScale histogram = new CappedScale();
        float[] tail = new float[Float.isNaN(tailHint) ? 0 : 1024];
        int tailSize = 0;
        for (float score : scores) {
            if (!Float.isNaN(score)) {
                float value = Math.max(0, score);
                sum += value;
                scored++;
                histogram.add(value);
                if (value >= tailHint) {
                    if (tailSize == tail.length) {
                        tail = Arrays.copyOf(tail, tailSize * 2);
                    }
                    tail[tailSize++] = value;
                }
            }
        }
        float fill = scored == 0 ? 0 : (float) (sum / scored);
        double offset = fill > 0 ? fill : 1;
        if (count >= scores.length) {
            return new InclusionProbabilities(
                    scores, fill, offset, Double.POSITIVE_INFINITY, scores.length);
        }
        // the sum of s_i + m over all samples, unscored ones counting as the mean
        double total = sum + (double) (scores.length - scored) * fill + scores.length * offset;
        CappedScale.Values values =
                new CappedScale.Values() {
                    @Override
                    public int size() {
                        return scores.length;
                    }

                    @Override
                    public double at(int i) {
                        return valueOf(scores[i], fill, offset);
                    }
                };
        CappedScale.Solution solution = null;
        if (scored == scores.length && tailSize > 0 && tailSize < scores.length / 2) {
            double[] gathered = new double[tailSize];
            for (int j = 0; j < tailSize; j++) {
                gathered[j] = valueOf(tail[j], fill, offset);
            }
            solution =
                    CappedScale.solveGathered(
                            values, count, total, gathered, tailSize, tailHint + offset);
        }
        if (solution == null) {
            double threshold =
                    histogram.threshold(offset, scores.length - scored, fill, count, total);
            solution = CappedScale.solve(values, count, total, threshold);
        }
        if (solution == null) {
            solution = plainFixedPoint(scores, fill, offset, count, total);
        }
        return new InclusionProbabilities(
                scores, fill, offset, solution.scale(), solution.capped());
    }

    /**
     * Returns where the next epoch's search for the capped set may start gathering losses: a margin
     * below this epoch's capping threshold, or {@code NaN} when nothing was capped.
     *
     * @return the loss
     */
    float tailHint() {
        if (capped == 0 || !Double.isFinite(scale)) {
            return Float.NaN;
        }
        return (float) (CappedScale.GATHER_MARGIN / scale - offset);
    }

    /**
     * The plain fixed point: raising the scale only adds capped samples, so the capped set grows
     * until it is stable (in practice after two or three passes); it cannot reach count below N.
     */
    static CappedScale.Solution plainFixedPoint(
            float[] scores, float fill, double offset, int count, double total) {
        double scale = count / total;
        int capped = 0;
        while (true) {
            int nowCapped = 0;
            double uncapped = 0;
            for (float score : scores) {
                double value = valueOf(score, fill, offset);
                if (scale * value >= 1) {
                    nowCapped++;
                } else {
                    uncapped += value;
                }
            }
            if (nowCapped == capped) {
                return new CappedScale.Solution(scale, capped);
            }
            capped = nowCapped;
            scale = (count - capped) / uncapped;
        }
    }

    /** Returns 1 when x is negative (or -0.0), else 0. */
    private static int signBit(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 63);
    }

    private static double valueOf(float score, float fill, double offset) {
        return (Float.isNaN(score) ? fill : Math.max(0, score)) + offset;
    }

    /**
     * Returns a sample's inclusion probability.
     *
     * @param index the dataset index
     * @return p in (0, 1]
     */
    double of(int index) {
        return Math.min(1, scale * valueOf(scores[index], fill, offset));
    }

    /**
     * Returns the scale c.
     *
     * @return c, infinite when every sample is included
     */
    double scale() {
        return scale;
    }

    /**
     * Returns how many samples are included for certain (probability 1).
     *
     * @return the capped count
     */
    int capped() {
        return capped;
    }

    /**
     * Draws the epoch's samples by the ordered pivotal method (Deville and Tille, 1998): one pass
     * in dataset order, where each sample "duels" the one still undecided, so that exactly {@code
     * count} samples are included and sample i with probability exactly p_i, spread evenly over the
     * dataset's order like a stratified draw. The included samples are then shuffled uniformly into
     * the front of {@code order}.
     *
     * @param order an array of at least {@code count + 1} entries (or the dataset's size),
     *     overwritten
     * @param count the sum of the probabilities
     * @param random the generator
     */
    void draw(int[] order, int count, SplitMix64 random) {
        int included = 0;
        int pending = -1;
        double pendingProbability = 0;
        for (int index = 0; index < scores.length; index++) {
            double p = of(index);
            if (p >= 1) {
                order[included++] = index;
                continue;
            }
            if (pending < 0) {
                pending = index;
                pendingProbability = p;
                continue;
            }
            // Without branches (the outcomes are coin flips the CPU cannot predict); each flag
            // is the sign bit of a difference, so it is exactly the comparison it stands for.
            double sum = pendingProbability + p;
            double u = random.nextDouble();
            // sum >= 1: one of the two is in, the other keeps a + b - 1, P(pending in) = (1 - b)
            // / (2 - a - b); sum < 1: one keeps the sum, the other is out, P(pending keeps) = a /
            // (a
            // + b)
            int oneIn = 1 - signBit(sum - 1);
            int pendingInIfOneIn = signBit(u * (2 - sum) - (1 - p));
            int indexKeepsIfNoneIn = 1 - signBit(u * sum - pendingProbability);
            int switchToIndex =
                    indexKeepsIfNoneIn + oneIn * (pendingInIfOneIn - indexKeepsIfNoneIn);
            order[included] = index + switchToIndex * (pending - index);
            included += oneIn;
            pending += switchToIndex * (index - pending);
            pendingProbability = sum - oneIn;
        }
        // what rounding leaves undecided at the end is within 1e-9 of 0 or of 1
        if (pending >= 0 && included < count && pendingProbability > 0.5) {
            order[included++] = pending;
        }
        if (included != count) {
            throw new IllegalStateException(
                    "The pivotal draw included "
                            + included
                            + " samples instead of "
                            + count
                            + "; the probabilities did not sum to the count.");
        }
        random.shuffle(order, count);
    }
}
