package dev.greentrain.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java snippets of the README and the pages under {@code docs/}, each turned into a compilation
 * unit: a snippet that declares a type compiles as written; a statement-only snippet goes into a
 * method of a class, after the imports it states, with the signature its {@code // in:} line states
 * (the variables and exceptions the surrounding code provides) or no parameters.
 */
final class DocSnippets {

    /** The first line of a snippet that is deliberately not compilable, followed by the reason. */
    static final String FRAGMENT = "// fragment:";

    /** The line that states where a statement-only snippet runs, as a method signature. */
    static final String IN = "// in:";

    /** How a {@code // in:} line that goes on is continued: a comment indented further. */
    static final String CONTINUED = "//   ";

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
    private static final Pattern TYPE =
            Pattern.compile(
                    "(?m)^(public\\s+)?(final\\s+|abstract\\s+)*(class|record|interface|enum)\\s");

    /**
     * One snippet: where it is and its lines, indentation removed.
     *
     * @param file the Markdown file, relative to the project
     * @param firstLine the file's line number of the snippet's first line
     * @param lines the snippet's lines
     */
    record Snippet(String file, int firstLine, List<String> lines) {

        /** Returns whether the snippet is marked as a fragment. */
        boolean isFragment() {
            return !lines.isEmpty() && lines.get(0).trim().startsWith(FRAGMENT);
        }

        /** Returns the reason given for a fragment. */
        String fragmentReason() {
            return lines.get(0).trim().substring(FRAGMENT.length()).trim();
        }

        /** Returns a class name unique to this snippet. */
        String className() {
            return "Snippet_" + file.replaceAll("[^A-Za-z0-9]", "_") + "_" + firstLine;
        }

        /** Returns the snippet as a compilation unit, with the file line of each of its lines. */
        Unit unit() {
            List<String> source = new ArrayList<>();
            List<Integer> origin = new ArrayList<>();
            String code = String.join("\n", lines);
            if (TYPE.matcher(code).find()) {
                for (int i = 0; i < lines.size(); i++) {
                    source.add(lines.get(i));
                    origin.add(firstLine + i);
                }
                return new Unit(file, declaredName(code), source, origin);
            }
            String signature = "void run()";
            int body = 0;
            while (body < lines.size()
                    && (lines.get(body).startsWith("import ") || lines.get(body).isBlank())) {
                source.add(lines.get(body));
                origin.add(firstLine + body);
                body++;
            }
            if (body < lines.size() && lines.get(body).trim().startsWith(IN)) {
                StringBuilder in =
                        new StringBuilder(lines.get(body).trim().substring(IN.length()).trim());
                body++;
                while (body < lines.size() && lines.get(body).startsWith(CONTINUED)) {
                    in.append(' ').append(lines.get(body).substring(2).trim());
                    body++;
                }
                signature = in.toString();
            }
            source.add("class " + className() + " {");
            origin.add(firstLine + body);
            source.add(signature + " {");
            origin.add(firstLine + Math.max(0, body - 1));
            for (int i = body; i < lines.size(); i++) {
                source.add(lines.get(i));
                origin.add(firstLine + i);
            }
            source.add("}}");
            origin.add(firstLine + lines.size() - 1);
            return new Unit(file, className(), source, origin);
        }

        private static String declaredName(String code) {
            Matcher name =
                    Pattern.compile(
                                    "(?m)^(?:public\\s+)?(?:(?:final|abstract)\\s+)*"
                                            + "(?:class|record|interface|enum)\\s+(\\w+)")
                            .matcher(code);
            name.find();
            return name.group(1);
        }
    }

    /**
     * A compilation unit made of a snippet.
     *
     * @param file the Markdown file the snippet is in
     * @param className the top-level class name
     * @param lines the source lines
     * @param origin per source line, the Markdown file's line it comes from
     */
    record Unit(String file, String className, List<String> lines, List<Integer> origin) {

        /** Returns the source text. */
        String source() {
            return String.join("\n", lines) + "\n";
        }
    }

    private DocSnippets() {}

    /**
     * Reads every {@code ```java} block of a Markdown file.
     *
     * @param project the project directory
     * @param file the file, relative to the project
     * @return the snippets in file order
     * @throws IOException if the file cannot be read
     */
    static List<Snippet> read(Path project, String file) throws IOException {
        List<String> text = Files.readAllLines(project.resolve(file));
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher open = FENCE.matcher(text.get(i));
            if (!open.matches() || open.group(2).isEmpty()) {
                continue;
            }
            int indent = open.group(1).length();
            int end = i + 1;
            while (end < text.size() && !text.get(end).trim().equals("```")) {
                end++;
            }
            if (open.group(2).equals("java")) {
                List<String> lines = new ArrayList<>();
                for (String line : text.subList(i + 1, end)) {
                    lines.add(line.length() >= indent ? line.substring(indent) : line.trim());
                }
                snippets.add(new Snippet(file, i + 2, lines));
            }
            i = end;
        }
        return snippets;
    }
}
