package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TurnsTest {

    /** Three arms of 3, 1 and 2 "batches", handing over after every batch, each on a thread. */
    @Test
    void onlyTheHolderComputesAndTheTurnGoesRoundSkippingFinishedArms() throws Exception {
        assertEquals(List.of("0:0", "1:0", "2:0", "0:1", "2:1", "0:2"), run(3, 1, 2));
    }

    /**
     * An arm with half the batches of the other (a pruned arm beside full data) keeps pace: it
     * computes its second batch only once the other is halfway, so both end their epochs together
     * instead of the long arm training its second half alone (round robin: 0:0 1:0 0:1 1:1 0:2
     * 0:3).
     */
    @Test
    void anArmWithHalfTheBatchesKeepsPaceWithTheOther() throws Exception {
        assertEquals(List.of("0:0", "1:0", "0:1", "0:2", "1:1", "0:3"), run(4, 2));
    }

    @Test
    void theTurnGoesToTheArmFurthestBehindAndStaysWhenTheOthersAreAhead() {
        Turns turns = new Turns(3);
        turns.pass(0, 0.2);
        turns.await(1);
        turns.pass(1, 0.5);
        turns.await(2);
        turns.pass(2, 0.1);
        turns.await(2);
        turns.pass(2, 0.3);
        turns.await(0);
        turns.finish(0);
        turns.await(2);
        assertEquals(0.5, turns.progress()[1]);
    }

    /** Runs arms of the given batch counts on threads, each passing after every batch. */
    private static List<String> run(int... batches) throws Exception {
        Turns turns = new Turns(batches.length);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(batches.length);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int arm = 0; arm < batches.length; arm++) {
                int position = arm;
                futures.add(
                        threads.submit(
                                () -> {
                                    turns.await(position);
                                    try {
                                        for (int b = 0; b < batches[position]; b++) {
                                            log.add(position + ":" + b);
                                            turns.pass(position, (b + 1.0) / batches[position]);
                                            turns.await(position);
                                        }
                                    } finally {
                                        turns.finish(position);
                                    }
                                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return log;
    }

    @Test
    void theClockCountsOnlyWhileRunning() throws Exception {
        ArmClock clock = new ArmClock();
        assertEquals(0, clock.nanos());
        clock.start();
        Thread.sleep(20);
        clock.stop();
        long held = clock.nanos();
        Thread.sleep(20);
        assertEquals(held, clock.nanos(), "stopped: nothing more counted");
        clock.start();
        clock.start();
        clock.stop();
        assertEquals(true, clock.nanos() >= held && held >= 20_000_000L);
    }
}
