package dev.greentrain.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One thread per arm for a whole seed, so each arm trains every epoch on the same thread.
 *
 * <p>glibc's malloc gives each thread its own arena. Threads made afresh every epoch get arenas
 * afresh, or ones whose memory was handed back, and fault all of it in again: on the main job that
 * came as storms of 30,000 to 80,000 minor page faults per second in the epochs of some arms and
 * not others, each such arm-epoch taking 40% to 60% more CPU time. A thread that lives as long as
 * its arm keeps its arena and the memory in it.
 */
final class ArmThreads implements AutoCloseable {

    private final Map<String, ExecutorService> threads = new LinkedHashMap<>();
    private final long seed;

    /**
     * Creates no threads yet.
     *
     * @param seed the seed, part of each thread's name
     */
    ArmThreads(long seed) {
        this.seed = seed;
    }

    /**
     * Returns the arm's thread, started on first use.
     *
     * @param variant the arm's variant name
     * @return its single-thread executor
     */
    ExecutorService of(String variant) {
        return threads.computeIfAbsent(
                variant,
                name ->
                        Executors.newSingleThreadExecutor(
                                task -> {
                                    Thread thread =
                                            new Thread(task, "greentrain-arm-" + name + "-" + seed);
                                    thread.setDaemon(true);
                                    return thread;
                                }));
    }

    /** Stops every arm's thread, interrupting one still training. */
    @Override
    public void close() {
        threads.values().forEach(ExecutorService::shutdownNow);
        threads.clear();
    }
}
