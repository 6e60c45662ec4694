package dev.greentrain.seta;

/**
 * How many samples each SeTa epoch trains and which groups, which depends only on the settings: the
 * kept count after the random drop, the groups, the window and the annealing.
 *
 * @param datasetSize the number of samples N
 * @param epochs the epochs of the run E
 * @param kept the samples the random drop keeps, K
 * @param groups the difficulty groups G
 * @param window the groups a window trains, w
 * @param pruningEpochs the leading epochs that prune, P
 * @param fullDataAnnealing whether annealing epochs train all N samples (else a random K)
 */
record SeTaSchedule(
        int datasetSize,
        int epochs,
        int kept,
        int groups,
        int window,
        int pruningEpochs,
        boolean fullDataAnnealing) {

    /** The fraction of the budget a run may miss it by: half a percentage point. */
    static final double BUDGET_TOLERANCE = 0.005;

    /** Returns the first group an epoch trains: 0 when it trains every group. */
    int windowStart(int epoch) {
        return epoch == 0 || epoch >= pruningEpochs ? 0 : epoch % (groups - window + 1);
    }

    /** Returns one past the last group an epoch trains. */
    int windowEnd(int epoch) {
        return epoch == 0 || epoch >= pruningEpochs ? groups : windowStart(epoch) + window;
    }

    /** Returns the lowest rank (among the kept, ascending loss) of group {@code g}. */
    int firstRankOf(int group) {
        return (int) ((long) group * kept / groups);
    }

    /** Returns how many samples the random drop keeps in an epoch. */
    int keptIn(int epoch) {
        return epoch >= pruningEpochs && fullDataAnnealing ? datasetSize : kept;
    }

    /** Returns how many samples an epoch trains. */
    int samplesIn(int epoch) {
        if (epoch >= pruningEpochs) {
            return keptIn(epoch);
        }
        return firstRankOf(windowEnd(epoch)) - firstRankOf(windowStart(epoch));
    }

    /** Returns the sample visits of the whole run. */
    long totalVisits() {
        long total = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            total += samplesIn(epoch);
        }
        return total;
    }

    /** Returns the run's visits as a fraction of full data, {@code N * E}. */
    double visitFraction() {
        return totalVisits() / ((double) datasetSize * epochs);
    }

    /** Returns the same schedule with another kept count. */
    SeTaSchedule withKept(int newKept) {
        return new SeTaSchedule(
                datasetSize, epochs, newKept, groups, window, pruningEpochs, fullDataAnnealing);
    }

    /**
     * Returns the schedule whose kept count brings the run's visits closest to a budget, searching
     * the kept counts from {@code minKept} to N (the visits grow with the kept count).
     *
     * @throws IllegalArgumentException if no kept count comes within half a point of the budget
     */
    SeTaSchedule forBudget(double budget, int minKept) {
        double target = budget * datasetSize * (double) epochs;
        int low = minKept;
        int high = datasetSize;
        while (low < high) { // the smallest kept count whose visits reach the target
            int middle = (int) (((long) low + high) >>> 1);
            if (withKept(middle).totalVisits() >= target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        SeTaSchedule best = withKept(low);
        if (low > minKept) {
            SeTaSchedule below = withKept(low - 1);
            if (Math.abs(below.totalVisits() - target) < Math.abs(best.totalVisits() - target)) {
                best = below;
            }
        }
        if (Math.abs(best.visitFraction() - budget) > BUDGET_TOLERANCE) {
            throw new IllegalArgumentException(
                    String.format(
                            "Budget B = %s is unreachable with SeTa's rules: with %d groups, a"
                                + " window of %d, %d pruning epochs of %d and %s annealing, a run"
                                + " over %d samples trains between %.4f (prune ratio %.2f) and %.4f"
                                + " (prune ratio 0) of the full-data sample visits, the nearest to"
                                + " B being %.4f; choose B in that range (within 0.005), or change"
                                + " optGroups, optWindowScale, optDelta or optFullDataAnnealing.",
                            budget,
                            groups,
                            window,
                            pruningEpochs,
                            epochs,
                            fullDataAnnealing ? "full-data" : "partial",
                            datasetSize,
                            withKept(minKept).visitFraction(),
                            1 - (double) minKept / datasetSize,
                            withKept(datasetSize).visitFraction(),
                            best.visitFraction()));
        }
        return best;
    }
}
