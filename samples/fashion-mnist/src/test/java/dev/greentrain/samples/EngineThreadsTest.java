package dev.greentrain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.compare.MachineInfo;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code --threads} reaches the threads the arms train on, and the report says so. */
@Tag("integration")
class EngineThreadsTest {

    @Test
    void theSettingReachesNewThreadsAndTheMachineDescription() throws Exception {
        String property = System.getProperty(MachineInfo.ENGINE_THREADS_PROPERTY);
        int before = EngineThreads.current();
        try {
            EngineThreads.set(1);
            assertEquals(1, EngineThreads.current(), "the calling thread");
            ExecutorService arm = Executors.newSingleThreadExecutor();
            try {
                // an arm's thread starts after the setting, as every lockstep epoch's threads do
                assertEquals(1, arm.submit(EngineThreads::current).get(), "a new thread");
            } finally {
                arm.shutdownNow();
            }
            String machine = MachineInfo.detect().describe();
            assertTrue(machine.contains("intra-op threads 1;"), machine);
        } finally {
            EngineThreads.set(before);
            if (property == null) {
                System.clearProperty(MachineInfo.ENGINE_THREADS_PROPERTY);
            } else {
                System.setProperty(MachineInfo.ENGINE_THREADS_PROPERTY, property);
            }
        }
    }
}
