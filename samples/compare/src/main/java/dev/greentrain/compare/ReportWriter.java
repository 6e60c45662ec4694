package dev.greentrain.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the human-readable report twice from the same content: {@code report.md} next to the PNG
 * charts, and a self-contained {@code report.html} with the charts embedded.
 */
public final class ReportWriter {

    /** A block of the report: a heading, a paragraph, a bullet list, a table or a chart. */
    private sealed interface Block {}

    private record Heading(String text) implements Block {}

    private record Paragraph(String text) implements Block {}

    private record Bullets(List<String> items) implements Block {}

    private record Table(List<String> header, List<List<String>> rows) implements Block {}

    private record Image(ReportCharts.ChartFile chart) implements Block {}

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    /**
     * Starts a report.
     *
     * @param title the report's title
     */
    public ReportWriter(String title) {
        this.title = title;
    }

    /**
     * Adds a section heading.
     *
     * @param text the heading
     * @return this writer
     */
    public ReportWriter heading(String text) {
        blocks.add(new Heading(text));
        return this;
    }

    /**
     * Adds a paragraph.
     *
     * @param text the paragraph
     * @return this writer
     */
    public ReportWriter paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    /**
     * Adds a bullet list.
     *
     * @param items the items
     * @return this writer
     */
    public ReportWriter bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    /**
     * Adds a table.
     *
     * @param header the column titles
     * @param rows the rows, each as long as the header
     * @return this writer
     */
    public ReportWriter table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), List.copyOf(rows)));
        return this;
    }

    /**
     * Adds a chart.
     *
     * @param chart the chart's PNG file in the output directory
     * @return this writer
     */
    public ReportWriter chart(ReportCharts.ChartFile chart) {
        blocks.add(new Image(chart));
        return this;
    }

    /**
     * Writes {@code report.md} and {@code report.html} into the output directory.
     *
     * @param directory the output directory, holding the charts
     * @throws IOException if a file cannot be read or written
     */
    public void write(Path directory) throws IOException {
        Files.writeString(directory.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(
                directory.resolve("report.html"), html(directory), StandardCharsets.UTF_8);
    }

    private String markdown() {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                out.append("## ").append(h.text()).append("\n\n");
            } else if (block instanceof Paragraph p) {
                out.append(p.text()).append("\n\n");
            } else if (block instanceof Bullets b) {
                b.items().forEach(item -> out.append("- ").append(item).append('\n'));
                out.append('\n');
            } else if (block instanceof Table t) {
                out.append(markdownRow(t.header()));
                out.append(markdownRow(t.header().stream().map(c -> "---").toList()));
                t.rows().forEach(row -> out.append(markdownRow(row)));
                out.append('\n');
            } else if (block instanceof Image i) {
                out.append("![")
                        .append(i.chart().title())
                        .append("](")
                        .append(i.chart().file())
                        .append(")\n\n");
            }
        }
        return out.toString();
    }

    private static String markdownRow(List<String> cells) {
        return "| "
                + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())
                + " |\n";
    }

    private String html(Path directory) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;")
                .append("padding:0 1rem;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1rem 0}\n")
                .append("th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}\n")
                .append("th{background:#eef3ee}\nimg{max-width:100%;display:block;margin:1rem 0}\n")
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                out.append("<h2>").append(escape(h.text())).append("</h2>\n");
            } else if (block instanceof Paragraph p) {
                out.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof Bullets b) {
                out.append("<ul>\n");
                b.items().forEach(i -> out.append("<li>").append(escape(i)).append("</li>\n"));
                out.append("</ul>\n");
            } else if (block instanceof Table t) {
                out.append("<table>\n<tr>");
                t.header().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
                out.append("</tr>\n");
                for (List<String> row : t.rows()) {
                    out.append("<tr>");
                    row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
                    out.append("</tr>\n");
                }
                out.append("</table>\n");
            } else if (block instanceof Image i) {
                byte[] png = Files.readAllBytes(directory.resolve(i.chart().file()));
                out.append("<figure><img alt=\"")
                        .append(escape(i.chart().title()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(png))
                        .append("\"></figure>\n");
            }
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
