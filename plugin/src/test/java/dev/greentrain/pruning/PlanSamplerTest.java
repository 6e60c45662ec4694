package dev.greentrain.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanSamplerTest {

    private static EpochPlan plan(int... order) {
        return new EpochPlan(
                order,
                order.length,
                SampleWeights.ONE,
                EpochStats.planned(0, 20, order.length, 0, EpochDetails.NONE));
    }

    private static List<List<Long>> batches(PlanSampler sampler) {
        List<List<Long>> batches = new ArrayList<>();
        Iterator<List<Long>> it = sampler.sample(null);
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    @Test
    void keepsTheLastPartialBatchLikeDjl() {
        PlanSampler sampler = new PlanSampler(plan(9, 3, 5, 1, 7, 0, 2, 8, 4, 6), 4, false);
        List<List<Long>> batches = batches(sampler);
        assertEquals(
                List.of(List.of(9L, 3L, 5L, 1L), List.of(7L, 0L, 2L, 8L), List.of(4L, 6L)),
                batches);
        assertEquals(3, sampler.getBatchCount());
        assertEquals(10, sampler.getSampleCount());
    }

    @Test
    void dropsTheLastPartialBatchWhenAsked() {
        PlanSampler sampler = new PlanSampler(plan(9, 3, 5, 1, 7, 0, 2, 8, 4, 6), 4, true);
        assertEquals(List.of(List.of(9L, 3L, 5L, 1L), List.of(7L, 0L, 2L, 8L)), batches(sampler));
        assertEquals(8, sampler.getSampleCount());
    }

    @Test
    void neverYieldsAnEmptyBatch() {
        assertEquals(List.of(List.of(4L, 2L)), batches(new PlanSampler(plan(4, 2), 8, false)));
        assertFalse(new PlanSampler(plan(4, 2), 8, true).sample(null).hasNext());
        assertFalse(new PlanSampler(plan(), 8, false).sample(null).hasNext());
        assertEquals(
                List.of(List.of(1L, 2L), List.of(3L, 4L)),
                batches(new PlanSampler(plan(1, 2, 3, 4), 2, false)));
    }

    @Test
    void rejectsABatchSizeBelowOne() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> new PlanSampler(plan(1), 0, false));
        assertEquals("Batch size 0 is invalid: it must be at least 1.", e.getMessage());
    }
}
