package dev.greentrain.listeners.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tags every GreenTrain meter carries: {@code run}, {@code variant}, {@code model} and {@code
 * dataset}.
 *
 * @param run an id of the training run, unique per run
 * @param variant what was trained, e.g. {@code baseline} or {@code infobatch}
 * @param model the model's name
 * @param dataset the dataset's name
 */
public record MetricTags(String run, String variant, String model, String dataset) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /** Checks every value: 1 to 64 characters of letters, digits, '.', '_', ':' or '-'. */
    public MetricTags {
        check("run", run);
        check("variant", variant);
        check("model", model);
        check("dataset", dataset);
    }

    /**
     * Returns a new run id: {@code run-} and 8 random hex digits.
     *
     * @return a generated run id
     */
    public static String generateRunId() {
        return "run-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Returns the tags in Micrometer form.
     *
     * @return the four tags
     */
    public Tags toTags() {
        return Tags.of("run", run, "variant", variant, "model", model, "dataset", dataset);
    }

    private static void check(String name, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Tag "
                            + name
                            + "=\""
                            + value
                            + "\" is invalid: use 1 to 64 letters, digits, '.', '_', ':' or '-',"
                            + " starting with a letter or digit (a fixed name, not a value that"
                            + " changes every step).");
        }
    }
}
