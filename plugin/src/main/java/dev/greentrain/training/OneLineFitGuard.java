package dev.greentrain.training;

import ai.djl.training.Trainer;
import dev.greentrain.pruning.PruningPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Refuses a second one-line fit on a trainer that has already trained with a policy a one-line fit
 * built: that call would build a fresh policy (epoch 0 again, the same seed), so calling the
 * one-line fit once per epoch would prune nothing and repeat the same sample order.
 */
final class OneLineFitGuard {

    /** The trainers that trained with a policy the one-line fit built, and how many epochs. */
    private static final Map<Trainer, Integer> TRAINED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private OneLineFitGuard() {}

    /**
     * Throws when the trainer has already trained with a policy a one-line fit built.
     *
     * @param trainer the trainer of the new call
     * @param call the one-line call, e.g. {@code InfoBatchTrain.fit(trainer, numEpoch, train,
     *     validate)}
     * @param fix how to build the policy once and pass it to every call
     */
    static void requireFirst(Trainer trainer, String call, String fix) {
        Integer epochs = TRAINED.get(trainer);
        if (epochs != null) {
            throw new IllegalStateException(
                    call
                            + " was already called on this trainer and trained "
                            + epochs
                            + " epoch(s) with a pruner it built for that call. Another call would"
                            + " build a fresh one that starts again at epoch 0 with the same seed:"
                            + " called once per epoch, it would prune nothing and repeat the same"
                            + " sample order. Build the pruner once for the whole run and pass it"
                            + " to every call: "
                            + fix);
        }
    }

    /**
     * Remembers that the trainer trained with a policy a one-line fit built, once it completed an
     * epoch (a call that failed before completing one can be repeated).
     *
     * @param trainer the trainer
     * @param policy the policy the one-line fit built
     */
    static void remember(Trainer trainer, PruningPolicy policy) {
        int epochs = policy.getEpochStats().size();
        if (epochs > 0) {
            TRAINED.put(trainer, epochs);
        }
    }
}
