package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight checks run the app's code too: with {@code user:} they run as that user, not as the daemon. */
class ChecksAsUserTest {

    @TempDir
    Path temp;

    @Test
    void aPreflightCheckRunsAsTheConfiguredUserAndCannotWriteIntoTheRelease() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path release = Files.createDirectories(temp.resolve("releases/20261129-150000-abcd"));
        Files.writeString(release.resolve("models.py"), "NAME = 'shop'\n");
        Files.setPosixFilePermissions(release, PosixFilePermissions.fromString("r-xr-xr-x"));
        Preflight preflight = new Preflight(CommandRunner.locate(), Files.createDirectories(temp.resolve("logs")));
        Check eagerLoad = new Check(
                "eager-load",
                "/usr/bin/python3 -c 'import os, models; print(models.NAME, os.getuid())'",
                Duration.ofSeconds(30));

        CheckReport report = preflight.run(1, List.of(eagerLoad), release, Map.of(), Optional.of("nobody"), line -> {});

        assertThat(report.results()).singleElement().satisfies(result -> {
            assertThat(result.succeeded()).as(result.lastLines().toString()).isTrue();
            assertThat(result.lastLines()).containsExactly("shop 65534");
        });
        assertThat(release.resolve("__pycache__")).doesNotExist();
    }
}
