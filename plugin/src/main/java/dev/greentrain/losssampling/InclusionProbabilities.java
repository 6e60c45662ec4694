package dev.greentrain.losssampling;

import dev.greentrain.pruning.SplitMix64;

/**
 * Inclusion probabilities proportional to a sample's stale loss plus the mean loss, capped at 1 and
 * summing to the epoch's sample count, and the systematic draw that includes each sample with
 * exactly its probability.
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
        double sum = 0;
        int scored = 0;
        for (float score : scores) {
            if (!Float.isNaN(score)) {
                sum += Math.max(0, score);
                scored++;
            }
        }
        float fill = scored == 0 ? 0 : (float) (sum / scored);
        double offset = fill > 0 ? fill : 1;
        if (count >= scores.length) {
            return new InclusionProbabilities(
                    scores, fill, offset, Double.POSITIVE_INFINITY, scores.length);
        }
        double total = 0;
        for (float score : scores) {
            total += valueOf(score, fill, offset);
        }
        double scale = count / total;
        int capped = 0;
        // Fixed point: raising the scale only adds capped samples, so the capped set grows until
        // it is stable (in practice after two or three passes); it cannot reach count below N.
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
                return new InclusionProbabilities(scores, fill, offset, scale, capped);
            }
            capped = nowCapped;
            scale = (count - capped) / uncapped;
        }
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
     * Returns how many samples are included for certain (probability 1).
     *
     * @return the capped count
     */
    int capped() {
        return capped;
    }

    /**
     * Draws the epoch's samples: systematic sampling along a uniformly random order, so exactly
     * {@code count} samples are included and sample i with probability p_i. The included samples
     * are moved, in that random order, to the front of {@code order}.
     *
     * @param order an array of the dataset's size, overwritten
     * @param count the sum of the probabilities
     * @param random the generator
     */
    void draw(int[] order, int count, SplitMix64 random) {
        int size = order.length;
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        random.shuffle(order, size);
        double next = random.nextDouble();
        double cumulative = 0;
        int included = 0;
        for (int i = 0; i < size && included < count; i++) {
            int index = order[i];
            cumulative += of(index);
            if (cumulative > next) {
                order[i] = order[included];
                order[included++] = index;
                next += 1;
            }
        }
        // Rounding can leave the last threshold a hair above the total; the samples after the
        // last inclusion are then the candidates, in their random order.
        for (int i = size - 1; included < count; i--) {
            if (i >= included) {
                int index = order[i];
                order[i] = order[included];
                order[included++] = index;
            }
        }
    }
}
