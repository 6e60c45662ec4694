package dev.greentrain.compare;

/** How the arms of one seed are run. */
public enum Schedule {
    /**
     * The arms of a seed live in one process and advance one epoch each in turn, in an order that
     * rotates every epoch, so machine drift hits every arm alike (the default).
     */
    LOCKSTEP,
    /** The arms of a seed run one after the other, for models too large to hold several at once. */
    SEQUENTIAL;

    /**
     * Returns the name used in files and on the command line.
     *
     * @return {@code lockstep} or {@code sequential}
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
