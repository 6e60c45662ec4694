package dev.greentrain.pruning.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Opens a state file for reading, and replaces one atomically: a reader sees the previous file or
 * the whole new one, never a part.
 *
 * <p>The new content goes to a temporary {@code <name>.<digits>.tmp} next to the file, is forced to
 * disk and then moved over the file. The temporary is deleted when anything fails; temporaries an
 * interrupted save (a killed process) left behind are deleted by the next save of the same file, so
 * two processes must not save the same file at the same time.
 */
public final class AtomicStateFile {

    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int NAME_ATTEMPTS = 100;

    private AtomicStateFile() {}

    /** Writes a file's whole content to a stream. */
    public interface ContentWriter {

        /**
         * Writes the content.
         *
         * @param out the stream to write to (closed by the caller)
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Opens a state file, refusing a directory or a missing file with a message naming it.
     *
     * @param file the state file
     * @param policy the policy's class name, as in its {@code save} method, e.g. "SeTa"
     * @return the file's content, buffered
     * @throws IOException if the file is missing, a directory or cannot be opened
     */
    public static InputStream openForReading(Path file, String policy) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(
                    file.toString(),
                    null,
                    "is a directory, not "
                            + policy
                            + "'s state file; pass the path of the file written by "
                            + policy
                            + ".save, not of the directory that holds it");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            NoSuchFileException named =
                    new NoSuchFileException(
                            file.toString(),
                            null,
                            "there is no "
                                    + policy
                                    + " state file here; pass the path of the file written by "
                                    + policy
                                    + ".save, or start without loading one");
            named.initCause(e);
            throw named;
        }
    }

    /**
     * Replaces the file with the content, atomically, after deleting its stale temporaries.
     *
     * @param file the file to write
     * @param policy the policy's class name, as in its {@code save} method, e.g. "SeTa"
     * @param content writes the file's whole content
     * @throws IOException if the file cannot be written (it is then left as it was)
     */
    public static void writeAtomically(Path file, String policy, ContentWriter content)
            throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(
                    target.toString(),
                    null,
                    "is a directory; pass the path of the "
                            + policy
                            + " state file to write, such as "
                            + target.resolve(policy.toLowerCase(java.util.Locale.ROOT) + ".state"));
        }
        Path directory = target.getParent();
        String name = target.getFileName().toString();
        deleteStaleTemporaries(directory, name);
        Path temporary = createTemporary(directory, name);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out =
                            new BufferedOutputStream(Channels.newOutputStream(channel))) {
                content.write(out);
                out.flush();
                channel.force(true); // on disk before it replaces the previous file
            }
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    /**
     * Returns the pattern of the temporaries {@link #writeAtomically} makes for a file name.
     *
     * @param name the file's name
     * @return the pattern of its temporaries' names
     */
    public static Pattern temporaryPattern(String name) {
        return Pattern.compile(
                Pattern.quote(name + ".") + "[0-9]+" + Pattern.quote(TEMPORARY_SUFFIX));
    }

    /** Deletes what earlier, interrupted saves of the file left; one that cannot go is left. */
    private static void deleteStaleTemporaries(Path directory, String name) throws IOException {
        Pattern pattern = temporaryPattern(name);
        DirectoryStream.Filter<Path> stale =
                entry ->
                        pattern.matcher(entry.getFileName().toString()).matches()
                                && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, stale)) {
            for (Path entry : entries) {
                try {
                    Files.deleteIfExists(entry);
                } catch (IOException e) {
                    // not ours to force: the save goes on, the next one tries again
                }
            }
        }
    }

    /** Creates a new, empty temporary for the file, readable by its owner only where possible. */
    private static Path createTemporary(Path directory, String name) throws IOException {
        FileAttribute<?>[] ownerOnly =
                directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        for (int attempt = 1; ; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
            Path candidate = directory.resolve(name + "." + random + TEMPORARY_SUFFIX);
            try {
                return Files.createFile(candidate, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
