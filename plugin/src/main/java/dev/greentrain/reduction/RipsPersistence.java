package dev.greentrain.reduction;

import java.util.ArrayList;
import java.util.List;

/**
 * Persistent homology in dimensions 0 and 1 of the Vietoris-Rips filtration of a small point cloud
 * (Euclidean distances, no threshold), over Z/2, computed as Ripser does (Bauer 2021).
 *
 * <p>The edges are ranked by length (ties: the lower vertex pair first). H0: every point is born at
 * 0; processing the edges by rank, an edge joining two components ends one bar at its length
 * (Kruskal). H1 by persistent cohomology: a triangle is identified by the rank of its longest edge
 * and the vertex opposite it (its position in the filtration, diameter first); the edges that do
 * not end an H0 bar (clearing) are processed from the longest down, each column being the edge's
 * coboundary (its n - 2 triangles, enumerated, never stored), reduced against the earlier columns
 * by their earliest triangle (pivot); a column whose pivot is a triangle with the edge as its
 * longest edge is an apparent pair (persistence 0) and needs no reduction. A column with pivot t
 * pairs the cycle born at the edge's length with t's diameter. The pairs are those of the homology
 * column reduction (cohomology gives the same diagram); only finite bars are returned and bars of
 * persistence 0 are kept. Cost: O(n^2) edges, each scanned in O(n), plus the reductions of the
 * columns that are not apparent: milliseconds for 100 points.
 *
 * <p>An instance is a reusable workspace for clouds of up to a given size (not thread-safe).
 */
final class RipsPersistence {

    /**
     * A finite bar.
     *
     * @param birth the scale it appears at
     * @param death the scale it ends at
     */
    record Bar(double birth, double death) {
        /** Returns death - birth. */
        double persistence() {
            return death - birth;
        }
    }

    private final int capacity;
    private final int[] rank;
    private final int[] order;
    private final int[] scratch;
    private final double[] edgeLength;
    private final double[] sortedLength;
    private final int[] endA;
    private final int[] endB;
    private final boolean[] endsH0;
    private final int[] parent;
    private final int[] owner;
    private final int[] ownerStamp;
    private final int[] columnStart;
    private final int[] columnLength;
    private final double[] birth;
    private final double[] death;
    private int stamp;
    private int[] pool = new int[1024];
    private int poolSize;
    private int[] heap = new int[1024];
    private int heapSize;
    private int h0Count;
    private int h1Count;

    /**
     * Creates a workspace.
     *
     * @param capacity the most points a cloud will have, at least 2
     */
    RipsPersistence(int capacity) {
        this.capacity = capacity;
        int edges = capacity * (capacity - 1) / 2;
        this.rank = new int[capacity * capacity];
        this.order = new int[edges];
        this.scratch = new int[edges];
        this.edgeLength = new double[edges];
        this.sortedLength = new double[edges];
        this.endA = new int[edges];
        this.endB = new int[edges];
        this.endsH0 = new boolean[edges];
        this.parent = new int[capacity];
        this.owner = new int[edges * capacity];
        this.ownerStamp = new int[edges * capacity];
        this.columnStart = new int[edges];
        this.columnLength = new int[edges];
        this.birth = new double[edges];
        this.death = new double[edges];
    }

    /**
     * Computes the finite bars of dimension 0 and 1 of points.
     *
     * @param points the points, row-major
     * @param n the number of points
     * @param dim the coordinates per point
     * @param maxDimension 0 for H0 only, 1 for H0 and H1
     * @return the bars, {@code result.get(d)} for dimension d
     */
    static List<List<Bar>> bars(double[] points, int n, int dim, int maxDimension) {
        double[] distance = distances(points, n, dim);
        RipsPersistence rips = new RipsPersistence(Math.max(n, 2));
        rips.compute(distance, n, maxDimension);
        List<List<Bar>> result = new ArrayList<>();
        result.add(rips.bars(0));
        if (maxDimension >= 1) {
            result.add(rips.bars(1));
        }
        return result;
    }

    /**
     * Returns the Euclidean distances of points, summed coordinate by coordinate.
     *
     * @param points the points, row-major
     * @param n the number of points
     * @param dim the coordinates per point
     * @return {@code distance[a * n + b]} for {@code a < b}, 0 elsewhere
     */
    static double[] distances(double[] points, int n, int dim) {
        double[] distance = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double sum = 0;
                for (int j = 0; j < dim; j++) {
                    double d = points[a * dim + j] - points[b * dim + j];
                    sum += d * d;
                }
                distance[a * n + b] = Math.sqrt(sum);
            }
        }
        return distance;
    }

    /**
     * Returns the largest persistence among the finite bars of one dimension, 0 without any.
     *
     * @param bars the bars of that dimension
     * @return the largest death - birth
     */
    static double maxPersistence(List<Bar> bars) {
        return bars.stream().mapToDouble(Bar::persistence).max().orElse(0);
    }

    /**
     * Computes the bars of a cloud given by its distances.
     *
     * @param distance the distances, {@code distance[a * n + b]} for {@code a < b} (the rest is not
     *     read)
     * @param n the number of points, at most the capacity
     * @param maxDimension 0 for H0 only, 1 for H0 and H1
     */
    void compute(double[] distance, int n, int maxDimension) {
        if (n > capacity) {
            throw new IllegalArgumentException(
                    "A cloud of " + n + " points exceeds this workspace's " + capacity + ".");
        }
        int edges = rankEdges(distance, n);
        h0(n, edges);
        h1Count = 0;
        if (maxDimension >= 1 && n >= 3) {
            h1(n, edges);
        }
    }

    /**
     * Returns the largest persistence of the last cloud's finite bars in one dimension.
     *
     * @param dimension 0 or 1 (1 only if computed)
     * @return the largest death - birth, 0 without a bar
     */
    double maxPersistence(int dimension) {
        double best = 0;
        if (dimension == 0) {
            for (int r = 0; r < h0Count; r++) {
                best = Math.max(best, sortedLength[order[r]]);
            }
            return best;
        }
        for (int i = 0; i < h1Count; i++) {
            best = Math.max(best, death[i] - birth[i]);
        }
        return best;
    }

    /**
     * Returns the last cloud's finite bars of one dimension.
     *
     * @param dimension 0 or 1 (1 only if computed)
     * @return the bars
     */
    List<Bar> bars(int dimension) {
        List<Bar> out = new ArrayList<>();
        if (dimension == 0) {
            for (int r = 0; r < h0Count; r++) {
                out.add(new Bar(0, sortedLength[order[r]]));
            }
        } else {
            for (int i = 0; i < h1Count; i++) {
                out.add(new Bar(birth[i], death[i]));
            }
        }
        return out;
    }

    /** Ranks the edges by (length, vertex pair); fills rank, sortedLength, endA, endB. */
    private int rankEdges(double[] distance, int n) {
        int edges = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                edgeLength[edges] = distance[a * n + b];
                order[edges] = edges;
                edges++;
            }
        }
        IndexSort.stableByKey(order, scratch, edges, edgeLength);
        for (int a = 0, index = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++, index++) {
                scratch[index] = a * n + b;
            }
        }
        for (int r = 0; r < edges; r++) {
            int pair = scratch[order[r]];
            int a = pair / n;
            int b = pair % n;
            sortedLength[r] = edgeLength[order[r]];
            endA[r] = a;
            endB[r] = b;
            rank[pair] = r;
            rank[b * n + a] = r;
        }
        for (int a = 0; a < n; a++) {
            rank[a * n + a] = Integer.MAX_VALUE;
        }
        return edges;
    }

    /** Kruskal: marks the edges that end an H0 bar; their ranks go to order[0..h0Count). */
    private void h0(int n, int edges) {
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        h0Count = 0;
        for (int r = 0; r < edges; r++) {
            int ra = find(endA[r]);
            int rb = find(endB[r]);
            endsH0[r] = ra != rb;
            if (ra != rb) {
                parent[ra] = rb;
                order[h0Count++] = r;
            }
        }
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Persistent cohomology in dimension 1 with clearing and apparent pairs. */
    private void h1(int n, int edges) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(ownerStamp, 0);
            stamp = 1;
        }
        poolSize = 0;
        for (int r = edges - 1; r >= 0; r--) {
            if (endsH0[r]) {
                continue;
            }
            int apparent = apparentPivot(r, n);
            if (apparent >= 0) {
                claim(apparent, r);
                columnStart[r] = -1;
                birth[h1Count] = sortedLength[r];
                death[h1Count++] = sortedLength[r];
                continue;
            }
            heapSize = 0;
            pushCoboundary(r, n);
            int pivot = pivot();
            while (pivot >= 0 && ownerStamp[pivot] == stamp) {
                pushColumn(owner[pivot], n);
                pivot = pivot();
            }
            if (pivot < 0) {
                continue; // an essential class: none in a full Rips complex
            }
            claim(pivot, r);
            storeColumn(r);
            birth[h1Count] = sortedLength[r];
            death[h1Count++] = sortedLength[pivot / n];
        }
    }

    /** Returns the earliest coface if its longest edge is r (an apparent pair), else -1. */
    private int apparentPivot(int r, int n) {
        int rowA = endA[r] * n;
        int rowB = endB[r] * n;
        for (int c = 0; c < n; c++) {
            if (rank[rowA + c] < r && rank[rowB + c] < r) {
                return r * n + c;
            }
        }
        return -1;
    }

    private void claim(int triangle, int edge) {
        owner[triangle] = edge;
        ownerStamp[triangle] = stamp;
    }

    private void pushCoboundary(int r, int n) {
        int a = endA[r];
        int b = endB[r];
        int rowA = a * n;
        int rowB = b * n;
        for (int c = 0; c < n; c++) {
            if (c == a || c == b) {
                continue;
            }
            int rankAc = rank[rowA + c];
            int rankBc = rank[rowB + c];
            int longest;
            int opposite;
            if (r > rankAc && r > rankBc) {
                longest = r;
                opposite = c;
            } else if (rankAc > rankBc) {
                longest = rankAc;
                opposite = b;
            } else {
                longest = rankBc;
                opposite = a;
            }
            push(longest * n + opposite);
        }
    }

    private void pushColumn(int edge, int n) {
        if (columnStart[edge] < 0) {
            pushCoboundary(edge, n);
            return;
        }
        int start = columnStart[edge];
        for (int i = 0; i < columnLength[edge]; i++) {
            push(pool[start + i]);
        }
    }

    /** Drains the working column (cancelling pairs) into the pool as edge's reduced column. */
    private void storeColumn(int edge) {
        columnStart[edge] = poolSize;
        while (heapSize > 0) {
            int top = pop();
            if (heapSize > 0 && heap[0] == top) {
                pop();
                continue;
            }
            if (poolSize == pool.length) {
                pool = java.util.Arrays.copyOf(pool, 2 * pool.length);
            }
            pool[poolSize++] = top;
        }
        columnLength[edge] = poolSize - columnStart[edge];
    }

    /**
     * Returns the working column's earliest triangle (pairs cancel), left in place; -1 if empty.
     */
    private int pivot() {
        while (heapSize > 0) {
            int top = pop();
            if (heapSize > 0 && heap[0] == top) {
                pop();
                continue;
            }
            push(top);
            return top;
        }
        return -1;
    }

    private void push(int key) {
        if (heapSize == heap.length) {
            heap = java.util.Arrays.copyOf(heap, 2 * heap.length);
        }
        int i = heapSize++;
        while (i > 0) {
            int up = (i - 1) >>> 1;
            if (heap[up] <= key) {
                break;
            }
            heap[i] = heap[up];
            i = up;
        }
        heap[i] = key;
    }

    private int pop() {
        int top = heap[0];
        int last = heap[--heapSize];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= last) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (heapSize > 0) {
            heap[i] = last;
        }
        return top;
    }
}
