package dev.greentrain.samples.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Keeps each finished run as one JSON file under {@code <output>/runs}, written atomically, so an
 * interrupted comparison keeps its finished runs and a resumed one skips them.
 */
public final class RunStore {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
     * @throws IllegalArgumentException if the saved run is unreadable or used other settings
     */
    public Optional<RunRecord> find(Variant variant, long seed, ComparisonSettings settings) {
        Path file = fileOf(variant.name(), seed);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        RunRecord run;
        try {
            run = JSON.readValue(file.toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "The saved run "
                            + file
                            + " cannot be read ("
                            + e.getMessage()
                            + "): delete it to train that run again.",
                    e);
        }
        if (!settings.canReuse(run.settings(), variant.usesBudget())) {
            throw new IllegalArgumentException(
                    "The saved run "
                            + file
                            + " was made with "
                            + run.settings()
                            + ", but this comparison uses "
                            + settings
                            + ": use another --output-dir, or delete "
                            + directory
                            + " to start over.");
        }
        return Optional.of(run);
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
