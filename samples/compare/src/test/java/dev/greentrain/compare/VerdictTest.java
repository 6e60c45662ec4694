package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final DecidingMetric ACCURACY = DecidingMetric.accuracy();

    @Test
    void pairsRunsBySeedAndSaysItInOneSentence() {
        Verdict verdict = Verdict.of(Runs.threeSeeds(), Runs.INFOBATCH, Runs.BASELINE, ACCURACY);
        assertEquals(3, verdict.seeds());
        assertEquals(0.2, verdict.forwardPassesSaved().mean(), 1e-12);
        assertEquals(0.2, verdict.wallTimeSaved().mean(), 1e-12);
        assertEquals(0.2, verdict.energySaved().mean(), 1e-12);
        // differences -0.1, -0.2, -0.3 pp: mean -0.2, sd 0.1, half width 4.302653 * 0.1 / sqrt 3
        assertEquals(-0.2, verdict.improvement().mean(), 1e-9);
        assertEquals(
                "InfoBatch saved 20.0% of forward passes (net of its own), 20.0% (95% CI"
                        + " 20.0..20.0%) of wall time and 20.0% (95% CI 20.0..20.0%) of energy"
                        + " (modelled); accuracy -0.20 pp (95% CI -0.45..+0.05) over 3 seeds:"
                        + " inconclusive at a margin of 0.3 pp.",
                verdict.sentence());
        assertEquals(NonInferiority.Outcome.INCONCLUSIVE, verdict.outcome());
        assertTrue(
                verdict.recommendation().startsWith("Not decided for InfoBatch"),
                verdict.recommendation());
        Verdict wider =
                Verdict.of(
                        Runs.threeSeeds(), Runs.INFOBATCH, Runs.BASELINE, ACCURACY.withMargin(0.5));
        assertEquals(NonInferiority.Outcome.NON_INFERIOR, wider.outcome());
        assertEquals(
                "Turn on InfoBatch: non-inferior at a margin of 0.5 pp (accuracy -0.20 pp (95% CI"
                        + " -0.45..+0.05) over 3 seeds), and it saved 20.0% (95% CI 20.0..20.0%)"
                        + " of wall time and 20.0% (95% CI 20.0..20.0%) of energy (modelled).",
                wider.recommendation());
    }

    @Test
    void peerVerdictJudgesAClearWinner() {
        Verdict verdict = Verdict.of(Runs.threeSeeds(), Runs.INFOBATCH, Runs.RANDOM, ACCURACY);
        // differences +0.9, +0.8, +0.7 pp
        assertEquals(0.8, verdict.improvement().mean(), 1e-9);
        assertEquals("better", verdict.peerJudgement());
        assertEquals(
                "InfoBatch vs Random pruning: accuracy +0.80 pp (95% CI +0.55..+1.05) over 3"
                        + " seeds (better).",
                verdict.peerSentence());
    }

    @Test
    void aWorseArmBeyondTheMarginIsInferior() {
        Verdict verdict = Verdict.of(Runs.threeSeeds(), Runs.RANDOM, Runs.BASELINE, ACCURACY);
        // differences -1.0 pp on every seed: the interval is a point below -0.3
        assertEquals(NonInferiority.Outcome.INFERIOR, verdict.outcome());
        assertTrue(
                verdict.recommendation().startsWith("Don't turn on Random pruning"),
                verdict.recommendation());
    }

    @Test
    void aLossIsJudgedRelativeToTheBaselineAndLowerIsBetter() {
        DecidingMetric loss = DecidingMetric.loss();
        assertEquals(5.0, loss.improvement(0.95, 1.0), 1e-9);
        assertEquals(-10.0, loss.improvement(1.1, 1.0), 1e-9);
        assertEquals(0.95, loss.better(0.95, 1.0));
    }

    @Test
    void oneSeedGivesNoIntervalAndNoPairGivesNoVerdict() {
        List<RunRecord> one = Runs.threeSeeds().subList(0, 2);
        Verdict verdict = Verdict.of(one, Runs.INFOBATCH, Runs.BASELINE, ACCURACY);
        assertEquals(
                "Not decided for InfoBatch: one seed gives no interval (accuracy -0.10 pp (no"
                        + " interval from 1 seed)); run at least 3 seeds.",
                verdict.recommendation());
        assertNull(Verdict.of(one, Runs.RANDOM, Runs.BASELINE, ACCURACY));
    }
}
