package dev.greentrain.seta;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.state.DetailsCodec;
import dev.greentrain.pruning.state.ScoredStateFormat;
import dev.greentrain.pruning.state.StateFraming;
import java.io.IOException;

/**
 * SeTa's state file: magic {@code "GTST"}, version 1, the shared payload of {@link
 * ScoredStateFormat} with five detail slots per epoch (kept, window start, window end, groups,
 * pruning active).
 */
final class SeTaStateFormat implements DetailsCodec {

    /** The format, framing and details together. */
    static final ScoredStateFormat FORMAT =
            new ScoredStateFormat(
                    StateFraming.checked("SeTa", 0x47545354, 1, 1), new SeTaStateFormat());

    private SeTaStateFormat() {}

    @Override
    public int slots() {
        return 5;
    }

    @Override
    public long[] toSlots(EpochDetails details) {
        SeTaDetails d = (SeTaDetails) details;
        return new long[] {
            d.kept(), d.windowStart(), d.windowEnd(), d.groups(), d.pruningActive() ? 1 : 0
        };
    }

    @Override
    public EpochDetails fromSlots(long[] slots, String source) throws IOException {
        for (int i = 0; i < 4; i++) {
            StateFraming.requireInRange(source, "SeTa detail " + i, slots[i], 0, Integer.MAX_VALUE);
        }
        StateFraming.requireInRange(source, "SeTa pruning flag", slots[4], 0, 1);
        return new SeTaDetails(
                (int) slots[0], (int) slots[1], (int) slots[2], (int) slots[3], slots[4] == 1);
    }
}
