package dev.greentrain.reduction;

import java.util.stream.IntStream;

/**
 * epsilon-representativeness of a reduced set R of X: per class c, the largest over x in X_c of the
 * L-infinity distance from x to its nearest point of R_c; epsilon is the maximum over classes (0
 * for the full set; lower is more representative; +infinity when a class has no point in R).
 *
 * <p>Exact, on the features the selection was made from. Two prunings keep it fast without changing
 * the result: a sample of X that is itself in R is at distance 0; and the search for a sample's
 * nearest point stops as soon as one point lies within the class's running maximum, since that
 * sample can no longer raise it (each distance is also abandoned once it exceeds the best one so
 * far). Classes run in parallel on the common fork-join pool.
 */
public final class Representativeness {

    private Representativeness() {}

    /**
     * Computes epsilon.
     *
     * @param features the full set X with labels
     * @param selection the reduced set R, selected from or built on these features
     * @return epsilon
     */
    public static double epsilon(LabelledFeatures features, Selection selection) {
        int dim = features.dim();
        float[] points;
        int[] pointLabels = new int[selection.size()];
        boolean[] inSubset = new boolean[features.rows()];
        if (selection.points() != null) {
            points = selection.points();
            for (int r = 0; r < selection.size(); r++) {
                pointLabels[r] = selection.label(r);
            }
        } else {
            points = new float[Math.multiplyExact(selection.size(), dim)];
            for (int r = 0; r < selection.size(); r++) {
                int index = selection.group(r)[0];
                System.arraycopy(features.data(), index * dim, points, r * dim, dim);
                pointLabels[r] = features.label(index);
                inSubset[index] = true;
            }
        }
        ClassMembers classes = features.classes();
        return IntStream.range(0, classes.count())
                .parallel()
                .mapToDouble(
                        c ->
                                classEpsilon(
                                        features,
                                        classes.members(c),
                                        inSubset,
                                        points,
                                        rowsOfClass(pointLabels, classes.classId(c))))
                .max()
                .orElse(0);
    }

    private static int[] rowsOfClass(int[] pointLabels, int classId) {
        return IntStream.range(0, pointLabels.length)
                .filter(r -> pointLabels[r] == classId)
                .toArray();
    }

    private static double classEpsilon(
            LabelledFeatures features,
            int[] members,
            boolean[] inSubset,
            float[] points,
            int[] reduced) {
        if (reduced.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int dim = features.dim();
        float[] data = features.data();
        double running = 0;
        for (int x : members) {
            if (inSubset[x]) {
                continue;
            }
            double nearest = Double.POSITIVE_INFINITY;
            for (int r : reduced) {
                double d = chebyshev(data, x * dim, points, r * dim, dim, nearest);
                if (d < nearest) {
                    nearest = d;
                    if (nearest <= running) {
                        break;
                    }
                }
            }
            running = Math.max(running, nearest);
        }
        return running;
    }

    /**
     * Returns the L-infinity distance of two rows, or any value at least {@code bound} once the
     * distance is known to reach it.
     */
    static double chebyshev(float[] x, int xOffset, float[] y, int yOffset, int dim, double bound) {
        double max = 0;
        for (int j = 0; j < dim; j++) {
            double d = Math.abs((double) x[xOffset + j] - y[yOffset + j]);
            if (d > max) {
                max = d;
                if (max >= bound) {
                    return max;
                }
            }
        }
        return max;
    }
}
