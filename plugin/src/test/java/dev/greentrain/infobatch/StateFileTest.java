package dev.greentrain.infobatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir Path dir;

    private static InfoBatch newInfoBatch() {
        return InfoBatch.builder().setDatasetSize(100).setEpochs(3).build();
    }

    private Set<String> namesIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void saveDeletesTheStaleTemporariesOfItsFileAndNothingElse() throws IOException {
        Path file = dir.resolve("infobatch.state");
        List<String> stale =
                List.of(
                        "infobatch.state.123.tmp",
                        "infobatch.state.18446744073709551615.tmp",
                        "infobatch.state.4711.tmp");
        for (String name : stale) {
            Files.write(dir.resolve(name), new byte[4096]); // what a killed save leaves
        }
        List<String> unrelated =
                List.of(
                        "infobatch.state.backup.tmp",
                        "infobatch.state.123.tmp.keep",
                        "infobatch.state.tmp",
                        "other.state.123.tmp",
                        "xinfobatch.state.123.tmp",
                        "model-0003.params");
        for (String name : unrelated) {
            Files.writeString(dir.resolve(name), "keep me");
        }
        Files.createDirectory(dir.resolve("infobatch.state.77.tmp"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("infobatch.state.99.tmp"), "another directory's");

        newInfoBatch().save(file);

        Set<String> expected = new TreeSet<>(unrelated);
        expected.addAll(List.of("infobatch.state", "infobatch.state.77.tmp", "sub"));
        assertEquals(expected, namesIn(dir));
        assertEquals(Set.of("infobatch.state.99.tmp"), namesIn(sub));
        for (String name : unrelated) {
            assertEquals("keep me", Files.readString(dir.resolve(name)), name);
        }
        newInfoBatch().load(file);
    }

    @Test
    void aFailingWriteLeavesNoTemporaryAndThePreviousFile() throws IOException {
        assertFailingWriteLeavesNoTemporary(new IOException("No space left on device"));
    }

    @Test
    void aFailingSerializationLeavesNoTemporaryAndThePreviousFile() throws IOException {
        assertFailingWriteLeavesNoTemporary(new IllegalStateException("serializer bug"));
    }

    /** Fails a save part-way with the exception and checks it is what the caller sees. */
    private void assertFailingWriteLeavesNoTemporary(Exception failure) throws IOException {
        Path file = dir.resolve("infobatch.state");
        newInfoBatch().save(file);
        byte[] previous = Files.readAllBytes(file);

        Exception e =
                assertThrows(
                        Exception.class,
                        () ->
                                StateFile.writeAtomically(
                                        file,
                                        out -> {
                                            out.write(new byte[100_000]);
                                            if (failure instanceof IOException io) {
                                                throw io;
                                            }
                                            throw (RuntimeException) failure;
                                        }));

        assertSame(failure, e);
        assertEquals(Set.of("infobatch.state"), namesIn(dir));
        assertArrayEquals(previous, Files.readAllBytes(file));
    }

    @Test
    void aFailingMoveLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("infobatch.state");

        // while the content is written, a non-empty directory takes the file's place, so the
        // final move cannot replace it
        assertThrows(
                IOException.class,
                () ->
                        StateFile.writeAtomically(
                                file,
                                out -> {
                                    Files.createDirectories(file.resolve("occupied"));
                                    out.write(new byte[1000]);
                                }));

        assertEquals(Set.of("infobatch.state"), namesIn(dir));
        assertTrue(Files.isDirectory(file));
    }

    @Test
    void temporariesMatchTheStalePattern() throws IOException {
        Path file = dir.resolve("infobatch.state");
        StateFile.writeAtomically(
                file,
                out -> {
                    try (var files = Files.list(dir)) {
                        List<String> names = files.map(f -> f.getFileName().toString()).toList();
                        assertEquals(1, names.size(), names.toString());
                        assertTrue(
                                StateFile.temporaryPattern("infobatch.state")
                                        .matcher(names.get(0))
                                        .matches(),
                                names.get(0));
                    }
                });
        assertEquals(Set.of("infobatch.state"), namesIn(dir));
    }
}
