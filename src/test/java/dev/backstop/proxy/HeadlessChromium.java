package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium (the Debian {@code chromium} package) run once per page as a process:
 * {@code --dump-dom} for the DOM after scripts ran, {@code --screenshot} for a PNG. No WebDriver,
 * so no extra dependency; each run gets a fresh profile and is killed with its children if it hangs.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 60;
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path binary;
    private final Path workDir;
    private int runs;

    private HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** The browser on PATH; without one the test fails on CI (CI=true) and is skipped elsewhere. */
    static HeadlessChromium require(Path workDir) {
        Optional<Path> found = locate();
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            Assertions.fail(
                    "CI=true but no Chromium on PATH (" + NAMES + "); .ci/run installs the 'chromium' package.");
        }
        Assumptions.assumeTrue(found.isPresent(), "no Chromium on PATH (" + NAMES + "): apt-get install chromium");
        return new HeadlessChromium(found.orElseThrow(), workDir);
    }

    /** The DOM of {@code page} as serialised after loading it. */
    String dom(URI page) throws IOException, InterruptedException {
        Path out = workDir.resolve("dom-" + (++runs) + ".html");
        run(out, "--dump-dom", page.toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Renders {@code page} at 1024x768 into {@code png}. */
    void screenshot(URI page, Path png) throws IOException, InterruptedException {
        run(
                workDir.resolve("screenshot-" + (++runs) + ".out"),
                "--screenshot=" + png.toAbsolutePath(),
                "--window-size=1024,768",
                "--hide-scrollbars",
                page.toString());
    }

    private void run(Path stdout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + workDir.resolve("profile-" + runs)));
        command.addAll(List.of(args));
        Path log = workDir.resolve("chromium-" + runs + ".log");
        Process browser = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            boolean exited = browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(exited)
                    .as("Chromium finished within %ds (log %s)", TIMEOUT_SECONDS, log)
                    .isTrue();
            assertThat(browser.exitValue())
                    .as("Chromium's exit code (log %s)", log)
                    .isZero();
        } finally {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
        }
    }

    private static Optional<Path> locate() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(directory -> NAMES.stream().map(name -> Path.of(directory, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
