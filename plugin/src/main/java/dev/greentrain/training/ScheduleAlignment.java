package dev.greentrain.training;

import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.FixedPerVarTracker;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trainer's learning-rate schedule on full-data epochs while a pruned fit runs: a
 * schedule keyed on the optimizer's update count ({@code Tracker.factor()}, {@code cosine()}, ...)
 * is wrapped in an {@link EpochAlignedTracker} for the fit and restored afterwards.
 *
 * <p>DJL keeps the optimizer out of reach of the {@code Trainer}'s API, so the schedule is found
 * through the trainer's parameter server; when it cannot be found or wrapped, one warning (per run
 * of the JVM) says so and how to align it by hand. A constant rate and a schedule already wrapped
 * in an {@code EpochAlignedTracker} are left as they are.
 */
final class ScheduleAlignment implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ScheduleAlignment.class);
    private static final AtomicBoolean warned = new AtomicBoolean();
    private static final AtomicBoolean announced = new AtomicBoolean();

    /** The class of {@code Tracker.fixed(value)}, which is not public. */
    private static final Class<?> FIXED = Tracker.fixed(1f).getClass();

    private static final String MANUAL_FIX =
            "build the optimizer with optLearningRateTracker(EpochAlignedTracker.builder()"
                    + ".setSchedule(schedule).setProgress(progress).setEpochShape(trainSize,"
                    + " batchSize).build()) and add the same TrainingProgress progress to the"
                    + " training config's listeners.";

    private final Optimizer optimizer;
    private final Field field;
    private final ParameterTracker original;
    private final TrainingProgress progress;

    private ScheduleAlignment(
            Optimizer optimizer,
            Field field,
            ParameterTracker original,
            TrainingProgress progress) {
        this.optimizer = optimizer;
        this.field = field;
        this.original = original;
        this.progress = progress;
    }

    /**
     * Wraps the trainer's update-keyed learning-rate schedule for a pruned fit.
     *
     * @param trainer the trainer
     * @param datasetSize the full training set's size N
     * @param batchSize the batch size B
     * @return the alignment to feed and close, or one that does nothing
     */
    static ScheduleAlignment install(Trainer trainer, int datasetSize, int batchSize) {
        Optimizer optimizer;
        Field field;
        ParameterTracker schedule;
        try {
            Object store = read(trainer, "parameterStore");
            Object server = read(store, "parameterServer");
            Field optimizerField = fieldOfType(server.getClass(), Optimizer.class);
            if (optimizerField == null) {
                throw new NoSuchFieldException("an Optimizer in " + server.getClass().getName());
            }
            optimizer = (Optimizer) optimizerField.get(server);
            field = fieldOfType(optimizer.getClass(), ParameterTracker.class);
            schedule = field == null ? null : (ParameterTracker) field.get(optimizer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(
                    "Could not read the optimizer's learning-rate schedule ({}). If it is keyed"
                            + " on the update count (any Tracker but Tracker.fixed), the shorter"
                            + " pruned epochs shift it; to keep it on epochs, "
                            + MANUAL_FIX,
                    e.toString());
            return none();
        }
        if (schedule == null
                || schedule.getClass() == FIXED
                || schedule instanceof FixedPerVarTracker
                || schedule instanceof EpochAlignedTracker) {
            return none();
        }
        if (!(schedule instanceof Tracker tracker)) {
            warnOnce(
                    "The learning-rate schedule {} is a per-parameter ParameterTracker, which the"
                            + " pruned fit cannot keep on epochs: keyed on the update count, it"
                            + " is shifted by the shorter pruned epochs. To keep it on epochs, "
                            + MANUAL_FIX,
                    schedule.getClass().getName());
            return none();
        }
        TrainingProgress progress = new TrainingProgress();
        EpochAlignedTracker aligned =
                EpochAlignedTracker.builder()
                        .setSchedule(tracker)
                        .setProgress(progress)
                        .setEpochShape(datasetSize, batchSize)
                        .build();
        try {
            field.set(optimizer, aligned);
        } catch (IllegalAccessException e) {
            warnOnce("Could not align the learning-rate schedule ({}); " + MANUAL_FIX, e);
            return none();
        }
        if (announced.compareAndSet(false, true)) {
            logger.info(
                    "The learning-rate schedule {} follows full-data epochs while pruning (it"
                            + " reads the update a full-data run would be at), so its steps"
                            + " stay at the same epochs though pruned epochs have fewer updates.",
                    tracker.getClass().getSimpleName());
        }
        return new ScheduleAlignment(optimizer, field, schedule, progress);
    }

    /**
     * Sets the progress the schedule is read at, before an optimizer step.
     *
     * @param epoch the epochs trained before the current one
     * @param epochFraction the fraction of the current epoch trained including this batch
     */
    void setProgress(int epoch, double epochFraction) {
        if (progress != null) {
            progress.set(epoch, Math.min(1.0, epochFraction));
        }
    }

    /** Puts the original schedule back. */
    @Override
    public void close() {
        if (optimizer != null) {
            try {
                field.set(optimizer, original);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Could not restore the learning-rate schedule", e);
            }
        }
    }

    private static ScheduleAlignment none() {
        return new ScheduleAlignment(null, null, null, null);
    }

    private static void warnOnce(String message, Object argument) {
        if (warned.compareAndSet(false, true)) {
            logger.warn(message + " (warned once)", argument);
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    /** Returns the first field of the type in the class or its superclasses, or null. */
    private static Field fieldOfType(Class<?> owner, Class<?> type) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (type.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    return field;
                }
            }
        }
        return null;
    }
}
