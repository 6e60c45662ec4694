package dev.greentrain.orderdp;

import dev.greentrain.pruning.EpochDetails;
import dev.greentrain.pruning.state.DetailsCodec;
import dev.greentrain.pruning.state.ScoredStateFormat;
import dev.greentrain.pruning.state.StateFraming;
import java.io.IOException;

/**
 * OrderDP's state file: magic {@code "GTOD"}, version 1, the shared payload of {@link
 * ScoredStateFormat} with two detail slots per epoch (subset size, top count).
 */
final class OrderDpStateFormat implements DetailsCodec {

    /** The format, framing and details together. */
    static final ScoredStateFormat FORMAT =
            new ScoredStateFormat(
                    StateFraming.checked("OrderDP", 0x47544F44, 1, 1), new OrderDpStateFormat());

    private OrderDpStateFormat() {}

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public long[] toSlots(EpochDetails details) {
        OrderDpDetails d = (OrderDpDetails) details;
        return new long[] {d.subsetSize(), d.topCount()};
    }

    @Override
    public EpochDetails fromSlots(long[] slots, String source) throws IOException {
        StateFraming.requireInRange(source, "OrderDP subset size", slots[0], 0, Integer.MAX_VALUE);
        StateFraming.requireInRange(source, "OrderDP top count", slots[1], 0, slots[0]);
        return new OrderDpDetails((int) slots[0], (int) slots[1]);
    }
}
