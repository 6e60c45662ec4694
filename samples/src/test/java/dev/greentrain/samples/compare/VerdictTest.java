package dev.greentrain.samples.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final NonInferiority MARGIN = new NonInferiority(0.3);

    @Test
    void pairsRunsBySeedAndSaysItInOneSentence() {
        Verdict verdict = Verdict.of(Runs.threeSeeds(), "infobatch", "baseline", MARGIN);
        assertEquals(3, verdict.seeds());
        assertEquals(0.2, verdict.forwardPassesSaved(), 1e-12);
        assertEquals(0.2, verdict.wallTimeSaved(), 1e-12);
        // differences -0.1, -0.2, -0.3 pp: mean -0.2, sd 0.1, half width 4.302653 * 0.1 / sqrt 3
        assertEquals(-0.2, verdict.accuracyDifference().mean(), 1e-9);
        assertEquals(
                "InfoBatch saved 20.0% of forward passes and 20.0% of wall time; accuracy -0.20 pp"
                    + " (95% CI -0.45..+0.05) over 3 seeds: inconclusive at a margin of 0.3 pp.",
                verdict.sentence());
        assertEquals("no significant difference", verdict.accuracyJudgement());
    }

    @Test
    void peerVerdictJudgesAClearWinner() {
        Verdict verdict = Verdict.of(Runs.threeSeeds(), "infobatch", "random", MARGIN);
        // differences +0.9, +0.8, +0.7 pp
        assertEquals(0.8, verdict.accuracyDifference().mean(), 1e-9);
        assertEquals("better", verdict.accuracyJudgement());
        assertEquals(
                "InfoBatch vs Random pruning: accuracy +0.80 pp (95% CI +0.55..+1.05) over 3"
                        + " seeds (better).",
                verdict.peerSentence());
    }

    @Test
    void oneSeedGivesNoIntervalAndNoPairGivesNoVerdict() {
        List<RunRecord> one = Runs.threeSeeds().subList(0, 2);
        Verdict verdict = Verdict.of(one, "infobatch", "baseline", MARGIN);
        assertEquals(
                "InfoBatch saved 20.0% of forward passes and 20.0% of wall time; accuracy -0.10 pp"
                        + " (no interval from 1 seed) over 1 seed: inconclusive at a margin of 0.3"
                        + " pp.",
                verdict.sentence());
        assertNull(Verdict.of(one, "random", "baseline", MARGIN));
    }
}
