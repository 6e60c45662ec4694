package dev.greentrain.pruning;

/**
 * What one pruning policy adds to the statistics every policy fills ({@link EpochStats}), e.g.
 * InfoBatch's threshold and up-weight; a policy defines its own record and publishes it through its
 * own meter binder.
 */
public interface EpochDetails {

    /** The details of a policy that adds nothing to the core statistics. */
    EpochDetails NONE = None.INSTANCE;

    /** The only value of {@link #NONE}. */
    enum None implements EpochDetails {
        /** No details. */
        INSTANCE
    }
}
