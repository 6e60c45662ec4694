package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyMallocTest {

    @Test
    void glibcTakesTheFixedThresholdsAndTheMachineLineSaysSo() {
        String applied = SteadyMalloc.apply();
        assertEquals(
                "glibc malloc mmap threshold 32 MiB, trim threshold 1024 MiB, top pad 64 MiB",
                applied);
        assertEquals(applied, SteadyMalloc.describe());
        assertEquals(applied, MachineInfo.detect().malloc());
        assertTrue(MachineInfo.detect().describe().endsWith("; " + applied));
    }
}
