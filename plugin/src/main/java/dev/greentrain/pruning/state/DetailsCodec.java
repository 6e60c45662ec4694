package dev.greentrain.pruning.state;

import dev.greentrain.pruning.EpochDetails;
import java.io.IOException;

/** How a policy's {@link EpochDetails} are held in a state file: a fixed number of 8-byte slots. */
public interface DetailsCodec {

    /**
     * Returns the number of slots per epoch.
     *
     * @return the slot count, 0 or more
     */
    int slots();

    /**
     * Returns the slots of an epoch's details.
     *
     * @param details details the policy planned
     * @return exactly {@link #slots()} values
     */
    long[] toSlots(EpochDetails details);

    /**
     * Rebuilds details from slots read from a file, checking them.
     *
     * @param slots exactly {@link #slots()} values
     * @param source the file's name, for error messages
     * @return the details
     * @throws IOException if a slot is not a valid value
     */
    EpochDetails fromSlots(long[] slots, String source) throws IOException;
}
