package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.greentrain.losssampling.LossProportionalSampling;
import dev.greentrain.orderdp.OrderDP;
import dev.greentrain.pruning.PruningPolicy;
import dev.greentrain.seta.SeTa;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetPolicyVariantTest {

    private NDManager manager;
    private ArmContext context;

    @BeforeEach
    void data() {
        manager = NDManager.newBaseManager();
        context =
                new ArmContext(Tabular.regression(manager, 1000, 7, true), 6, 42, null, v -> null);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static List<Variant> resolve(double budget, String... names) {
        return Variants.resolve(List.of(names), new Variants.Settings(0.5, 0.875, budget, 1, 1));
    }

    private static double plannedFraction(PruningPolicy policy) {
        return Arrays.stream(policy.getPlannedSamples(6)).sum() / 6000.0;
    }

    @Test
    void setaOrderDpAndLossSamplingAreNamedOnTheCommandLineAndMeetTheBudgetOverTheRun() {
        List<Variant> variants = resolve(0.5, "random-budget", "seta", "orderdp", "loss-sampling");
        assertEquals(
                List.of("random-budget", "seta", "orderdp", "loss-sampling"),
                variants.stream().map(Variant::name).toList());
        for (Variant variant : variants.subList(1, 4)) {
            assertEquals(0.5, variant.budget().getAsDouble());
            assertEquals(
                    List.of(new Variant.PeerPair(variant, variants.get(0))),
                    variant.peerComparisons());
            PruningPolicy policy = variant.policy(context).orElseThrow();
            assertEquals(0.5, plannedFraction(policy), 0.005, variant.name());
        }
        assertTrue(variants.get(1).policy(context).orElseThrow() instanceof SeTa);
        assertTrue(variants.get(2).policy(context).orElseThrow() instanceof OrderDP);
        assertTrue(
                variants.get(3).policy(context).orElseThrow() instanceof LossProportionalSampling);
        assertTrue(Variants.names().containsAll(List.of("seta", "orderdp", "loss-sampling")));
    }

    @Test
    void aBudgetOutOfThePolicysReachIsRefusedBeforeTheArmTrains() {
        Variant orderDp = resolve(0.9, "orderdp").get(0);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> orderDp.policy(context));
        assertTrue(
                e.getMessage().startsWith("--budget 0.9 does not suit orderdp: "), e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        Variant seta = resolve(1.0, "seta").get(0);
        e = assertThrows(IllegalArgumentException.class, () -> seta.policy(context));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    }
}
