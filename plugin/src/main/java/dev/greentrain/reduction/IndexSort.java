package dev.greentrain.reduction;

/** A stable merge sort of int indices by a double key, without boxing. */
final class IndexSort {

    private IndexSort() {}

    /**
     * Sorts {@code indices[0..count)} by ascending {@code key[index]}; equal keys keep their order.
     *
     * @param indices the indices to sort, in place
     * @param scratch work space of at least {@code count}
     * @param count how many indices
     * @param key the key of every index
     */
    static void stableByKey(int[] indices, int[] scratch, int count, double[] key) {
        int[] from = indices;
        int[] to = scratch;
        for (int width = 1; width < count; width *= 2) {
            for (int low = 0; low < count; low += 2 * width) {
                int mid = Math.min(low + width, count);
                int high = Math.min(low + 2 * width, count);
                int i = low;
                int j = mid;
                int out = low;
                while (i < mid && j < high) {
                    to[out++] = key[from[j]] < key[from[i]] ? from[j++] : from[i++];
                }
                while (i < mid) {
                    to[out++] = from[i++];
                }
                while (j < high) {
                    to[out++] = from[j++];
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != indices) {
            System.arraycopy(from, 0, indices, 0, count);
        }
    }
}
