package dev.greentrain.loss;

import ai.djl.training.loss.Loss;

/** Thrown when a {@link Loss} has no per-sample form that {@link PerSampleLosses} can provide. */
public class UnsupportedLossException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What to do about it, part of every message. */
    static final String ADVICE =
            "implement dev.greentrain.loss.PerSampleLoss on your loss (return one value per row,"
                    + " shape (B)) or use one of the PerSample* losses";

    /**
     * Creates an exception for a loss that has no per-sample form.
     *
     * @param loss the loss that cannot be evaluated per sample
     */
    public UnsupportedLossException(Loss loss) {
        this(loss, null);
    }

    /**
     * Creates an exception for a loss that has no per-sample form, with an extra explanation.
     *
     * @param loss the loss that cannot be evaluated per sample
     * @param reason why it is not supported, or {@code null}
     */
    public UnsupportedLossException(Loss loss, String reason) {
        super(message(loss, reason));
    }

    private static String message(Loss loss, String reason) {
        String what =
                loss == null
                        ? "Loss null"
                        : "Loss " + loss.getClass().getName() + " (name '" + loss.getName() + "')";
        return what
                + " has no per-sample form"
                + (reason == null ? "" : " (" + reason + ")")
                + ": "
                + ADVICE
                + ".";
    }
}
