package dev.greentrain.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * What a comparison produced.
 *
 * @param runs every arm of every seed
 * @param report the analysis: summaries and verdicts
 * @param html the path of the written {@code report.html}
 */
public record ComparisonResult(List<RunRecord> runs, ComparisonReport report, Path html) {

    /**
     * Returns the report's opening sentences, one per arm: should it be turned on?
     *
     * @return the sentences
     */
    public List<String> recommendations() {
        return report.recommendations();
    }
}
