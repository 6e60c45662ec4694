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
        int[] batches = {3, 1, 2};
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
                                            turns.pass(position);
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
        assertEquals(List.of("0:0", "1:0", "2:0", "0:1", "2:1", "0:2"), log);
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
