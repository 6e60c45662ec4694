package dev.greentrain.losssampling;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.state.DetailsCodec;
import dev.greentrain.pruning.state.ScoredStateFormat;
import dev.greentrain.pruning.state.StateFraming;
import java.io.IOException;

/**
 * The state file of loss-proportional sampling: magic {@code "GTLS"}, version 1, the shared payload
 * of {@link ScoredStateFormat} with two detail slots per epoch (drawn, certain).
 */
final class LossSamplingStateFormat implements DetailsCodec {

    /** The format, framing and details together. */
    static final ScoredStateFormat FORMAT =
            new ScoredStateFormat(
                    StateFraming.checked("LossProportionalSampling", 0x47544C53, 1, 1),
                    new LossSamplingStateFormat());

    private LossSamplingStateFormat() {}

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public long[] toSlots(EpochDetails details) {
        LossSamplingDetails d = (LossSamplingDetails) details;
        return new long[] {d.drawn(), d.certain()};
    }

    @Override
    public EpochDetails fromSlots(long[] slots, String source) throws IOException {
        StateFraming.requireInRange(
                source, "loss sampling drawn count", slots[0], 0, Integer.MAX_VALUE);
        StateFraming.requireInRange(source, "loss sampling certain count", slots[1], 0, slots[0]);
        return new LossSamplingDetails((int) slots[0], (int) slots[1]);
    }
}
