package dev.greentrain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one-line fit with DJL's default logging listeners, its output not a terminal (the test's
 * forked JVM has none): no progress-bar frames, and DJL's own setting is left as it was.
 */
@Tag("integration")
class ProgressOutputTest {

    @Test
    void offATerminalTheOneLineFitPrintsNoProgressBarFrames() throws Exception {
        assertNull(System.console(), "the test needs output that is not a terminal");
        assertNull(System.getProperty(TerminalProgress.DISABLE_PROPERTY));
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Blobs.mlp(16)) {
            NDList xy = Blobs.of(manager, 512, 3);
            ArrayDataset train =
                    new ArrayDataset.Builder()
                            .setData(xy.get(0))
                            .optLabels(xy.get(1))
                            .setSampling(32, true)
                            .build();
            DefaultTrainingConfig config = Blobs.config(Loss.softmaxCrossEntropyLoss());
            Engine.getInstance().setRandomSeed(5);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(32, Blobs.FEATURES));
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                try {
                    InfoBatchTrain.fit(trainer, 3, train, train);
                } finally {
                    System.setOut(original);
                }
            }
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        original.print(printed);
        assertFalse(printed.contains("%"), "progress-bar frames on stdout:\n" + printed);
        assertFalse(printed.contains("\r"), "carriage returns on stdout:\n" + printed);
        assertEquals("", printed.strip(), "nothing per batch on stdout");
        assertNull(
                System.getProperty(TerminalProgress.DISABLE_PROPERTY),
                "DJL's setting is restored after the fit");
    }
}
