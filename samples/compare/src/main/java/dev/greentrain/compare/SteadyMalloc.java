package dev.greentrain.compare;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Keeps glibc's malloc from handing freed memory back to the kernel while arms train, so that no
 * arm pays for refaulting it.
 *
 * <p>PyTorch allocates each tensor with {@code malloc}. With glibc's defaults, blocks above a
 * dynamic threshold are {@code mmap}ed and unmapped on free, and heaps are trimmed when their free
 * top grows past 128 KiB; every such block is then faulted in again, zeroed, on its next use. The
 * thresholds move per arena (one per arm thread), so the cost falls unevenly: on the A/B engine's
 * A/A test it came as storms of about 100,000 minor page faults per second that hit one arm's epoch
 * and not the other's. Fixing the mmap threshold at 32 MiB and the trim threshold at 1 GiB, and
 * padding the top by a whole thread heap so that none is unmapped (glibc's {@code mallopt}),
 * removes them; the process keeps the memory it freed for reuse. The arms' threads must live as
 * long as the arms for this to hold ({@link ArmThreads}).
 */
public final class SteadyMalloc {

    /** glibc's {@code M_TRIM_THRESHOLD}. */
    private static final int M_TRIM_THRESHOLD = -1;

    /** glibc's {@code M_TOP_PAD}. */
    private static final int M_TOP_PAD = -2;

    /** glibc's {@code M_MMAP_THRESHOLD}. */
    private static final int M_MMAP_THRESHOLD = -3;

    /** The fixed mmap threshold: glibc's largest (half of a 64 MiB arena heap). */
    static final int MMAP_THRESHOLD_BYTES = 32 << 20;

    /** The fixed trim threshold. */
    static final int TRIM_THRESHOLD_BYTES = 1 << 30;

    /**
     * The top pad: a thread arena's heap (64 MiB) is unmapped when it is all free and the heap
     * below it has less than the pad free; with a pad of a whole heap that never happens.
     */
    static final int TOP_PAD_BYTES = 64 << 20;

    private static String state = "glibc malloc defaults";

    private SteadyMalloc() {}

    /**
     * Fixes glibc's mmap and trim thresholds for the whole process (once is enough; repeating is
     * harmless), or leaves the allocator alone where glibc's {@code mallopt} is not available.
     *
     * @return what the allocator now does, for the report's machine line
     */
    public static synchronized String apply() {
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            boolean mmap =
                    mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES}) == 1;
            boolean trim =
                    mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES}) == 1;
            boolean pad = mallopt.invokeInt(new Object[] {M_TOP_PAD, TOP_PAD_BYTES}) == 1;
            state =
                    mmap && trim && pad
                            ? String.format(
                                    Locale.ROOT,
                                    "glibc malloc mmap threshold %d MiB, trim threshold %d MiB,"
                                            + " top pad %d MiB",
                                    MMAP_THRESHOLD_BYTES >> 20,
                                    TRIM_THRESHOLD_BYTES >> 20,
                                    TOP_PAD_BYTES >> 20)
                            : "glibc malloc defaults (mallopt refused the thresholds)";
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            state = "allocator unchanged (no glibc mallopt: " + e.getMessage() + ")";
        }
        return state;
    }

    /**
     * Returns what the allocator does: glibc's defaults until {@link #apply()} ran.
     *
     * @return the description
     */
    public static synchronized String describe() {
        return state;
    }
}
