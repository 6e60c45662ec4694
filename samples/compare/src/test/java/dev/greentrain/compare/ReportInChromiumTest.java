package dev.greentrain.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Opens the self-contained HTML report in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code scripts/setup.sh}).
 */
@Tag("integration")
class ReportInChromiumTest {

    private static final Path CHROMIUM =
            Path.of(System.getProperty("greentrain.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("greentrain.test.chromedriver", "/usr/bin/chromedriver"));

    @TempDir Path dir;

    @Test
    void reportLoadsWithoutConsoleErrorsAndEveryChartIsDecoded() throws Exception {
        ComparisonReport report =
                new ComparisonReport(
                        "synthetic",
                        DecidingMetric.accuracy(),
                        Runs.VARIANTS,
                        Runs.threeSeeds(),
                        MachineInfo.detect());
        Path html = report.write(dir);
        // the report must stand alone: move it away from the PNG files it was built from
        Path alone = Files.createDirectories(dir.resolve("alone")).resolve("report.html");
        Files.move(html, alone, StandardCopyOption.REPLACE_EXISTING);

        requireInstalled(CHROMIUM, "chromium", "greentrain.test.chromium");
        requireInstalled(CHROMEDRIVER, "chromium-driver", "greentrain.test.chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,2400",
                "--user-data-dir=" + dir.resolve("profile"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(alone.toUri().toString());
            JavascriptExecutor js = browser;
            Object complete = js.executeScript("return document.readyState");
            assertEquals("complete", complete);
            @SuppressWarnings("unchecked")
            List<Number> widths =
                    (List<Number>)
                            js.executeScript(
                                    "return Array.from(document.images).map(i => i.complete ?"
                                            + " i.naturalWidth : 0)");
            assertEquals(6, widths.size(), "six charts: " + widths);
            for (Number width : widths) {
                assertTrue(width.intValue() > 0, "every chart is decoded: " + widths);
            }
            String text = (String) js.executeScript("return document.body.innerText");
            assertTrue(
                    text.contains("Not decided for InfoBatch")
                            && text.contains("InfoBatch saved 20.0% of forward passes"),
                    text);
            List<LogEntry> errors =
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(
                                    entry ->
                                            entry.getLevel().intValue() >= Level.WARNING.intValue())
                            .toList();
            assertEquals(List.of(), errors, "console warnings and errors");
            byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);
            Path target = Path.of("target", "report-screenshot.png");
            Files.createDirectories(target.getParent());
            Files.write(target, screenshot);
            assertTrue(screenshot.length > 10_000, "a rendered page, not a blank one");
        } finally {
            browser.quit();
        }
    }

    /** Fails the test (never skips it) with the install command and the setting, if missing. */
    private static void requireInstalled(Path binary, String debianPackage, String property) {
        assertTrue(
                Files.isExecutable(binary),
                binary
                        + " is missing: install it with `apt-get install "
                        + debianPackage
                        + "` (scripts/test.sh does), or point -D"
                        + property
                        + " at another copy");
    }
}
