package dev.greentrain.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps each finished run as one JSON file under {@code <output>/runs}, written atomically, so an
 * interrupted comparison keeps its finished runs and a resumed one skips them.
 */
public final class RunStore {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .setInjectableValues(
                            new InjectableValues.Std()
                                    .addValue(EpochPoint.NONE_REPORTED, java.util.Map.of()));

    private final Path directory;

    /**
     * Opens the store of an output directory, creating it and checking it is writable.
     *
     * @param outputDirectory the comparison's output directory
     * @throws IllegalArgumentException if the directory cannot be created or written
     */
    public RunStore(Path outputDirectory) {
        this.directory = outputDirectory.resolve("runs");
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(
                    "--output-dir "
                            + outputDirectory
                            + " is not writable ("
                            + e
                            + "): choose a directory you can create and write to.",
                    e);
        }
    }

    /**
     * Returns the finished run of a variant and seed, if one was saved with the same settings.
     *
     * @param variant the variant
     * @param seed the seed
     * @param settings the settings the run must have been made with
     * @return the saved run, or empty if there is none
     * @throws IllegalArgumentException if the saved run is unreadable, invalid or used other
     *     settings
     */
    public Optional<RunRecord> find(Variant variant, long seed, ComparisonSettings settings) {
        Path file = fileOf(variant.name(), seed);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        RunRecord run = read(file);
        SavedRunCheck.check(run, file, variant.name(), seed);
        List<String> differences = new ArrayList<>(settings.differences(run.settings()));
        differences.addAll(ComparisonSettings.differences(run.parameters(), variant.parameters()));
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(
                    "The saved run "
                            + file
                            + " was made with other settings: "
                            + String.join(", ", differences)
                            + ". Use another --output-dir, or delete "
                            + directory
                            + " to start over.");
        }
        return Optional.of(run);
    }

    private static RunRecord read(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunRecord.class);
        } catch (MismatchedInputException e) {
            String field =
                    e.getPath().stream()
                            .map(
                                    reference ->
                                            reference.getFieldName() != null
                                                    ? reference.getFieldName()
                                                    : "[" + reference.getIndex() + "]")
                            .collect(Collectors.joining(".", "", ""))
                            .replace(".[", "[");
            String message = e.getOriginalMessage();
            throw SavedRunCheck.refusal(
                    file,
                    field.isEmpty()
                            ? message
                            : "field \"" + field + "\" is missing or malformed (" + message + ")");
        } catch (IOException e) {
            throw SavedRunCheck.refusal(file, "it cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Saves a finished run atomically: a reader sees the old file or the whole new one.
     *
     * @param run the run
     * @throws IOException if the file cannot be written
     */
    public void save(RunRecord run) throws IOException {
        Path file = fileOf(run.variant(), run.seed());
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), run);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Returns the file a run is saved in.
     *
     * @param variant the variant's name
     * @param seed the seed
     * @return the path of its JSON file
     */
    public Path fileOf(String variant, long seed) {
        return directory.resolve(variant + "-seed" + seed + ".json");
    }
}
