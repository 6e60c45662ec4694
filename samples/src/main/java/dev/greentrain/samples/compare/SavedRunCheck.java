package dev.greentrain.samples.compare;

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
        long samples = 0;
        long samplerPasses = 0;
        double best = 0;
        for (int e = 0; e < epochs.size(); e++) {
            EpochPoint point = epochs.get(e);
            String at = "epochs[" + e + "].";
            require(point.epoch() == e, at + "epoch", point.epoch(), String.valueOf(e));
            require(
                    point.samples() >= 0 && point.samples() <= settings.trainSamples(),
                    at + "samples",
                    point.samples(),
                    "in [0, " + settings.trainSamples() + "] (the training samples)");
            require(
                    point.samplerForwardPasses() >= 0,
                    at + "samplerForwardPasses",
                    point.samplerForwardPasses(),
                    ">= 0");
            requireFinite(point.seconds() >= 0, at + "seconds", point.seconds(), ">= 0");
            requireFinite(
                    point.testAccuracy() >= 0 && point.testAccuracy() <= 1,
                    at + "testAccuracy",
                    point.testAccuracy(),
                    "in [0, 1]");
            samples += point.samples();
            samplerPasses += point.samplerForwardPasses();
            best = Math.max(best, point.testAccuracy());
        }
        long fullData = (long) settings.trainSamples() * settings.epochs();
        require(
                run.fullDataSamples() == fullData,
                "fullDataSamples",
                run.fullDataSamples(),
                fullData + " (training samples x epochs)");
        require(
                run.samplesForwarded() == samples,
                "samplesForwarded",
                run.samplesForwarded(),
                samples + " (the sum over its epochs)");
        require(
                run.samplerForwardPasses() == samplerPasses,
                "samplerForwardPasses",
                run.samplerForwardPasses(),
                samplerPasses + " (the sum over its epochs)");
        double last = epochs.get(epochs.size() - 1).testAccuracy();
        require(
                run.testAccuracy() == last,
                "testAccuracy",
                run.testAccuracy(),
                last + " (the last epoch's)");
        require(
                run.bestAccuracy() == best,
                "bestAccuracy",
                run.bestAccuracy(),
                best + " (the best epoch's)");
        requireFinite(run.trainSeconds() >= 0, "trainSeconds", run.trainSeconds(), ">= 0");
        requireFinite(run.energyJoules() >= 0, "energyJoules", run.energyJoules(), ">= 0");
        requireFinite(run.co2Grams() >= 0, "co2Grams", run.co2Grams(), ">= 0");
        requireFinite(true, "energySavedJoules", run.energySavedJoules(), "a finite number");
        requireFinite(true, "co2SavedGrams", run.co2SavedGrams(), "a finite number");
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
