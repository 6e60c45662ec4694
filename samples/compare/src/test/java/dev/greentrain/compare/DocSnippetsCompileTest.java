package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README and of {@code docs/*.md} compiles as written, against this
 * module's test classpath (DJL, the plugin, the listeners, the A/B engine, Micrometer); a failure
 * names the Markdown file and line.
 */
class DocSnippetsCompileTest {

    private static final Path PROJECT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir Path classes;

    @Test
    void everyJavaSnippetInTheReadmeAndTheDocsCompilesAsWritten() throws Exception {
        List<DocSnippets.Snippet> snippets = new ArrayList<>();
        for (String file : markdownFiles()) {
            snippets.addAll(DocSnippets.read(PROJECT, file));
        }
        assertTrue(snippets.size() >= 8, "snippets found: " + snippets.size());
        List<DocSnippets.Unit> units = new ArrayList<>();
        for (DocSnippets.Snippet snippet : snippets) {
            if (snippet.isFragment()) {
                assertFalse(
                        snippet.fragmentReason().isEmpty(),
                        snippet.file()
                                + ":"
                                + snippet.firstLine()
                                + ": a fragment says why it is one");
            } else {
                units.add(snippet.unit());
            }
        }
        assertEquals(List.of(), compile(units));
    }

    @Test
    void aSnippetThatDoesNotCompileIsNamedByFileAndLine() throws Exception {
        Path docs = Files.createDirectories(classes.resolve("project/docs"));
        Files.writeString(
                docs.resolve("page.md"),
                String.join(
                        "\n",
                        "# A page",
                        "",
                        "```java",
                        "import java.nio.file.Path;",
                        "// in: void save(Path file)",
                        "Files.writeString(file, \"x\");",
                        "```",
                        ""));
        List<DocSnippets.Snippet> snippets =
                DocSnippets.read(classes.resolve("project"), "docs/page.md");
        List<String> errors = compile(snippets.stream().map(DocSnippets.Snippet::unit).toList());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("docs/page.md:6: cannot find symbol"), errors.get(0));
    }

    private static List<String> markdownFiles() throws IOException {
        List<String> files = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md"))
                    .sorted()
                    .forEach(p -> files.add("docs/" + p.getFileName()));
        }
        return files;
    }

    /** Compiles the units together; returns one line per error, "file:line: message". */
    private List<String> compile(List<DocSnippets.Unit> units) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<JavaFileObject, DocSnippets.Unit> sources = new HashMap<>();
        for (DocSnippets.Unit unit : units) {
            sources.put(source(unit), unit);
        }
        Path out = Files.createDirectories(classes.resolve("out-" + System.nanoTime()));
        List<String> options =
                List.of("-classpath", classpath(), "-d", out.toString(), "-proc:none");
        compiler.getTask(null, null, diagnostics, options, null, sources.keySet()).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            DocSnippets.Unit unit = sources.get(d.getSource());
            int line = (int) d.getLineNumber();
            String where =
                    unit == null
                            ? "?"
                            : unit.file() + ":" + unit.origin().get(Math.max(0, line - 1));
            errors.add(where + ": " + d.getMessage(Locale.ROOT).replaceAll("\\s+", " ").trim());
        }
        return errors;
    }

    private static JavaFileObject source(DocSnippets.Unit unit) {
        return new SimpleJavaFileObject(
                URI.create("string:///" + unit.className() + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit.source();
            }
        };
    }

    /** The test classpath, also when surefire passes it in a manifest-only jar. */
    private static String classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar")
                    && Path.of(entry).getFileName().toString().startsWith("surefire")) {
                try (JarFile jar = new JarFile(entry)) {
                    String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (manifest != null) {
                        for (String url : manifest.trim().split("\\s+")) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                    }
                }
            }
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }
}
