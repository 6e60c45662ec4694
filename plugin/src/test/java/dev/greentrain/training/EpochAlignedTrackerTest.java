package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class EpochAlignedTrackerTest {

    private static final Tracker SCHEDULE =
            Tracker.cosine().setBaseValue(1f).optFinalValue(0f).setMaxUpdates(80).build();

    @Test
    void mapsProgressToTheFullDataUpdateCount() {
        TrainingProgress progress = new TrainingProgress();
        EpochAlignedTracker tracker =
                EpochAlignedTracker.builder()
                        .setSchedule(SCHEDULE)
                        .setProgress(progress)
                        .setEpochShape(1000, 128)
                        .build();
        // 1000 samples in batches of 128: 8 updates per full epoch, the last one partial.
        progress.set(0, 128 / 1000.0);
        assertEquals(1, tracker.getEquivalentUpdate());
        progress.set(2, 0.5);
        assertEquals(16 + 4, tracker.getEquivalentUpdate(), "500 samples is the 4th batch");
        progress.set(2, 1.0);
        assertEquals(24, tracker.getEquivalentUpdate());
        progress.set(5, 0.0);
        assertEquals(40, tracker.getEquivalentUpdate());
        assertEquals(SCHEDULE.getNewValue(40), tracker.getNewValue(7), "update count is ignored");
    }

    @Test
    void equalsTheScheduleOnFullData() {
        TrainingProgress progress = new TrainingProgress();
        EpochAlignedTracker tracker =
                EpochAlignedTracker.builder()
                        .setSchedule(SCHEDULE)
                        .setProgress(progress)
                        .setEpochShape(1000, 100)
                        .build();
        int update = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int batch = 1; batch <= 10; batch++) {
                progress.set(epoch, batch / 10.0);
                update++;
                assertEquals(SCHEDULE.getNewValue(update), tracker.getNewValue(update));
            }
            progress.set(epoch + 1, 0);
        }
    }

    @Test
    void badSettingsGiveClearErrors() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                EpochAlignedTracker.builder()
                                        .setSchedule(SCHEDULE)
                                        .setProgress(new TrainingProgress())
                                        .setEpochShape(0, 10)
                                        .build());
        assertEquals(
                "Epoch shape 0 samples / batch 10 is invalid: both must be at least 1; call"
                        + " setEpochShape(trainingSetSize, batchSize).",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress().set(1, 1.5));
    }
}
