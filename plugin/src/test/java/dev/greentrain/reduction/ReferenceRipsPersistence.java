package dev.greentrain.reduction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The original, slow persistent homology (every triangle stored, sorted and reduced by homology
 * columns), kept as the reference the fast {@link RipsPersistence} is checked against.
 */
final class ReferenceRipsPersistence {

    private ReferenceRipsPersistence() {}

    /**
     * Computes the finite bars of dimension 0 and 1.
     *
     * @param points the points, row-major
     * @param n the number of points
     * @param dim the coordinates per point
     * @param maxDimension 0 for H0 only, 1 for H0 and H1
     * @return the bars, {@code result.get(d)} for dimension d
     */
    static List<List<RipsPersistence.Bar>> bars(double[] points, int n, int dim, int maxDimension) {
        int edgeCount = n * (n - 1) / 2;
        int[][] edges = new int[edgeCount][];
        double[] length = new double[edgeCount];
        int e = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double sum = 0;
                for (int j = 0; j < dim; j++) {
                    double d = points[a * dim + j] - points[b * dim + j];
                    sum += d * d;
                }
                edges[e] = new int[] {a, b};
                length[e++] = Math.sqrt(sum);
            }
        }
        Integer[] order = new Integer[edgeCount];
        for (int i = 0; i < edgeCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(length[x], length[y]));
        double[] sortedLength = new double[edgeCount];
        int[][] rankOf = new int[n][n];
        for (int r = 0; r < edgeCount; r++) {
            int[] pair = edges[order[r]];
            sortedLength[r] = length[order[r]];
            rankOf[pair[0]][pair[1]] = r;
            rankOf[pair[1]][pair[0]] = r;
        }
        List<RipsPersistence.Bar> h0 = new ArrayList<>();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < edgeCount; r++) {
            int[] pair = edges[order[r]];
            int ra = find(parent, pair[0]);
            int rb = find(parent, pair[1]);
            if (ra != rb) {
                parent[ra] = rb;
                h0.add(new RipsPersistence.Bar(0, sortedLength[r]));
            }
        }
        List<List<RipsPersistence.Bar>> result = new ArrayList<>();
        result.add(h0);
        if (maxDimension >= 1) {
            result.add(h1(n, rankOf, sortedLength));
        }
        return result;
    }

    private static List<RipsPersistence.Bar> h1(int n, int[][] rankOf, double[] sortedLength) {
        List<int[]> triangles = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int c = b + 1; c < n; c++) {
                    int[] column = {rankOf[a][b], rankOf[a][c], rankOf[b][c]};
                    Arrays.sort(column);
                    triangles.add(column);
                }
            }
        }
        // by diameter = the longest edge's length, then by that edge's rank and the next ones
        triangles.sort(
                (x, y) -> {
                    for (int i = 2; i >= 0; i--) {
                        if (x[i] != y[i]) {
                            return Integer.compare(x[i], y[i]);
                        }
                    }
                    return 0;
                });
        Map<Integer, int[]> pivots = new HashMap<>();
        List<RipsPersistence.Bar> bars = new ArrayList<>();
        for (int[] triangle : triangles) {
            int[] column = triangle;
            double diameter = sortedLength[triangle[2]];
            while (column.length > 0 && pivots.containsKey(column[column.length - 1])) {
                column = symmetricDifference(column, pivots.get(column[column.length - 1]));
            }
            if (column.length > 0) {
                int low = column[column.length - 1];
                pivots.put(low, column);
                bars.add(new RipsPersistence.Bar(sortedLength[low], diameter));
            }
        }
        return bars;
    }

    private static int[] symmetricDifference(int[] x, int[] y) {
        int[] out = new int[x.length + y.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < x.length || j < y.length) {
            if (j == y.length || (i < x.length && x[i] < y[j])) {
                out[k++] = x[i++];
            } else if (i == x.length || y[j] < x[i]) {
                out[k++] = y[j++];
            } else {
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Returns the largest persistence among the finite bars of one dimension, 0 without any.
     *
     * @param bars the bars of that dimension
     * @return the largest death - birth
     */
    static double maxPersistence(List<RipsPersistence.Bar> bars) {
        return bars.stream().mapToDouble(RipsPersistence.Bar::persistence).max().orElse(0);
    }
}
