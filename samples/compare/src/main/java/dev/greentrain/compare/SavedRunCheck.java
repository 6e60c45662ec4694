package dev.greentrain.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checks a run read back from its JSON file before it is reused: it must be the run its file name
 * says, and every figure must be one a training run can produce, so that a damaged or hand-edited
 * file never reaches the report.
 */
final class SavedRunCheck {

    private final Path file;

    private SavedRunCheck(Path file) {
        this.file = file;
    }

    /**
     * Checks a saved run.
     *
     * @param run the run as read
     * @param file the file it was read from, named in every refusal
     * @param variant the variant the file name says it holds
     * @param seed the seed the file name says it holds
     * @throws IllegalArgumentException naming the file, the field and the fix on the first problem
     */
    static void check(RunRecord run, Path file, String variant, long seed) {
        new SavedRunCheck(file).checkRun(run, variant, seed);
    }

    /**
     * Returns the refusal of a saved run's file.
     *
     * @param file the file
     * @param problem what is wrong with it
     * @return the exception to throw, saying how to recover
     */
    static IllegalArgumentException refusal(Path file, String problem) {
        return new IllegalArgumentException(
                "The saved run "
                        + file
                        + " is invalid: "
                        + problem
                        + "; delete it to train that run again.");
    }

    private void checkRun(RunRecord run, String variant, long seed) {
        require(variant.equals(run.variant()), "variant", run.variant(), "\"" + variant + "\"");
        require(seed == run.seed(), "seed", run.seed(), String.valueOf(seed));
        ComparisonSettings settings = run.settings();
        require(
                settings.trainSamples() >= 1,
                "settings.trainSamples",
                settings.trainSamples(),
                ">= 1");
        require(settings.epochs() >= 1, "settings.epochs", settings.epochs(), ">= 1");
        List<EpochPoint> epochs = run.epochs();
        require(
                epochs.size() == settings.epochs(),
                "epochs",
                epochs.size() + " entries",
                settings.epochs() + " entries, one per epoch (settings.epochs)");
        boolean accuracy = settings.metric().equals("accuracy");
        for (int e = 0; e < epochs.size(); e++) {
            EpochPoint point = epochs.get(e);
            String at = "epochs[" + e + "].";
            require(point.epoch() == e, at + "epoch", point.epoch(), String.valueOf(e));
            require(
                    point.trainSamples() >= 0 && point.trainSamples() <= settings.trainSamples(),
                    at + "trainSamples",
                    point.trainSamples(),
                    "in [0, " + settings.trainSamples() + "] (the training samples)");
            require(
                    point.evaluationSamples() >= 0,
                    at + "evaluationSamples",
                    point.evaluationSamples(),
                    ">= 0");
            require(point.methodPasses() >= 0, at + "methodPasses", point.methodPasses(), ">= 0");
            for (String phase : List.of("train", "evaluation", "method")) {
                double seconds =
                        switch (phase) {
                            case "train" -> point.trainSeconds();
                            case "evaluation" -> point.evaluationSeconds();
                            default -> point.methodSeconds();
                        };
                double joules =
                        switch (phase) {
                            case "train" -> point.trainJoules();
                            case "evaluation" -> point.evaluationJoules();
                            default -> point.methodJoules();
                        };
                requireFinite(seconds >= 0, at + phase + "Seconds", seconds, ">= 0");
                requireFinite(joules >= 0, at + phase + "Joules", joules, ">= 0");
            }
            requireFinite(
                    !accuracy || (point.metric() >= 0 && point.metric() <= 1),
                    at + "metric",
                    point.metric(),
                    accuracy ? "an accuracy in [0, 1]" : "a finite number");
        }
        requireFinite(
                true,
                "energySavedEstimateJoules",
                run.energySavedEstimateJoules(),
                "a finite number");
        require(
                !run.energyMethod().isBlank(),
                "energyMethod",
                "\"\"",
                "the energy sources, e.g. \"cpu:cpu-model\"");
    }

    private void requireFinite(boolean valid, String field, double value, String expected) {
        require(valid && Double.isFinite(value), field, value, expected);
    }

    private void require(boolean valid, String field, Object value, String expected) {
        if (!valid) {
            throw refusal(
                    file,
                    String.format(Locale.ROOT, "%s is %s, expected %s", field, value, expected));
        }
    }
}
