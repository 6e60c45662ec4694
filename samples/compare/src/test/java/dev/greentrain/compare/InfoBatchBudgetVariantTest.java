package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.infobatch.KeptCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoBatchBudgetVariantTest {

    private static final Variants.Settings SETTINGS =
            new Variants.Settings(0.5, 0.875, 0.2, 1, 1, KeptCount.REFERENCE);

    @Test
    void theCommandLineOffersInfoBatchInBudgetModeAgainstRandomAtTheSameBudget() {
        List<Variant> variants =
                Variants.resolve(List.of("infobatch-budget", "random-budget"), SETTINGS);
        Variant budget = variants.get(0);
        assertEquals("infobatch-budget", budget.name());
        assertEquals(0.2, budget.budget().getAsDouble());
        assertEquals(
                Map.of("--budget", "0.2", "--delta", "0.875", "--kept-count", "reference"),
                budget.parameters());
        assertEquals(variants.get(1), budget.peerComparisons().get(0).reference());
    }

    @Test
    void anUnreachableBudgetIsRefusedBeforeTrainingNamingTheFlagAndTheReachableRange() {
        Variant budget = Variants.resolve(List.of("infobatch-budget"), SETTINGS).get(0);
        // E = 8, delta = 0.875: epoch 0 and epoch 7 are full, 6 epochs prune at most 90%
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> budget.checkReachable(60_000, 8));
        for (String part :
                List.of("--budget 0.2 for infobatch-budget", "unreachable", "[0.3250, 1)")) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " lacks " + part);
        }
        // 40 epochs: (6 + 34 * (1 - 0.9 * 59,999 / 60,000)) / 40 = 0.2350 at best, still above
        assertThrows(IllegalArgumentException.class, () -> budget.checkReachable(60_000, 40));
        new InfoBatchBudgetVariant(0.5, 0.875, KeptCount.STOCHASTIC, budget)
                .checkReachable(60_000, 8);
    }

    @Test
    void infoBatchRunsAreOnlyReusedWithTheSameRoundingRule() {
        assertEquals(
                "stochastic", new InfoBatchVariant(0.5, 0.875).parameters().get("--kept-count"));
        assertEquals(
                "reference",
                new InfoBatchVariant(0.5, 0.875, KeptCount.REFERENCE)
                        .parameters()
                        .get("--kept-count"));
    }
}
