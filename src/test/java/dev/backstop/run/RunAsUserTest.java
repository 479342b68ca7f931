package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code user:} makes the release really read-only to the app: as root a Python app writes
 * {@code __pycache__} into its release whatever the modes; as {@code nobody} it cannot.
 * Needs the tests to run as root, as the daemon must.
 */
class RunAsUserTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path temp;

    private Path release;
    private Path logs;
    private final List<RunningProcess> started = new ArrayList<>();

    @BeforeEach
    void aReadOnlyReleaseWithAPythonApp() throws IOException {
        // TempDir is 0700: another user could not even reach the release.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        release = Files.createDirectories(temp.resolve("releases/r1"));
        logs = Files.createDirectories(temp.resolve("logs"));
        Files.writeString(release.resolve("greeting.py"), "TEXT = 'hello'\n");
        Files.writeString(
                release.resolve("app.py"),
                "import os, greeting\nprint(greeting.TEXT, 'uid', os.getuid(), 'home', os.environ['HOME'])\n");
        readOnly(release);
    }

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(process -> ProcessGroup.terminate(process.record(), Duration.ofSeconds(1)));
    }

    @Test
    void aPythonAppRunAsNobodyCannotWritePycacheIntoItsRelease() throws IOException {
        List<String> output = run(Optional.of("nobody"));

        assertThat(output).containsExactly("hello uid 65534 home /nonexistent");
        assertThat(release.resolve("__pycache__")).doesNotExist();
        assertThat(files(release)).containsExactlyInAnyOrder("app.py", "greeting.py");
    }

    @Test
    void theSameAppRunAsRootWritesPycacheDespiteTheReadOnlyModes() throws IOException {
        List<String> output = run(Optional.empty());

        assertThat(output).singleElement().asString().startsWith("hello uid 0 ");
        assertThat(release.resolve("__pycache__")).isDirectory();
    }

    @Test
    void aUserThatDoesNotExistIsRefusedWithALineSayingWhatToDo() {
        InstanceSpec spec = spec(Optional.of("no-such-user-backstop"));

        assertThatThrownBy(() -> ProcessLauncher.locate().launch(spec, logs.resolve("web.log")))
                .isInstanceOf(ProcessStartException.class)
                .hasMessage("Cannot start web.1 of release r1 as user 'no-such-user-backstop': no such user"
                        + " (getent passwd no-such-user-backstop found none); create it (useradd --system no-such-user-backstop) or remove user: from"
                        + " backstop.yml.");
    }

    private List<String> run(Optional<String> user) throws IOException {
        RunningProcess process = ProcessLauncher.locate().launch(spec(user), logs.resolve("web.log"));
        started.add(process);
        await().atMost(Duration.ofSeconds(20)).until(() -> process.exit().isDone());
        return Files.readAllLines(logs.resolve("web.log"));
    }

    private InstanceSpec spec(Optional<String> user) {
        return new InstanceSpec(
                new InstanceKey("r1", "web", 1), release, PYTHON + " app.py", Map.of(), 0, Duration.ofSeconds(1), user);
    }

    /** What a release import leaves: no write bit anywhere. */
    private static void readOnly(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(path -> path.getFileName().toString()).toList();
        }
    }
}
