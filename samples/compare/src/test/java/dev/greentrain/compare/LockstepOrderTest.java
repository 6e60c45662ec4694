package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockstepOrderTest {

    private static List<String> names(List<Variant> variants, int epoch) {
        return LockstepOrder.of(variants, epoch).stream().map(Variant::name).toList();
    }

    @Test
    void theOrderRotatesByOneEveryEpoch() {
        RandomBudgetVariant budget = new RandomBudgetVariant(0.5);
        List<Variant> arms = List.of(new BaselineVariant(), new InfoBatchVariant(), budget);
        assertEquals(List.of("baseline", "infobatch", "random-budget"), names(arms, 0));
        assertEquals(List.of("infobatch", "random-budget", "baseline"), names(arms, 1));
        assertEquals(List.of("random-budget", "baseline", "infobatch"), names(arms, 2));
        assertEquals(names(arms, 0), names(arms, 3));
    }

    @Test
    void aFollowerMovesWithItsLeaderRightAfterIt() {
        InfoBatchVariant infoBatch = new InfoBatchVariant();
        List<Variant> arms =
                List.of(new BaselineVariant(), infoBatch, new RandomPruningVariant(infoBatch));
        assertEquals(List.of("baseline", "infobatch", "random"), names(arms, 0));
        assertEquals(List.of("infobatch", "random", "baseline"), names(arms, 1));
        assertEquals(List.of("baseline", "infobatch", "random"), names(arms, 2));
    }
}
