package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {

    @TempDir
    Path dir;

    @Test
    void rotationKeepsTheNewestCopiesAndEmptiesTheLiveFile() throws IOException {
        Path log = dir.resolve("web.1.log");

        for (int round = 1; round <= 4; round++) {
            Files.writeString(log, "round " + round + " " + "x".repeat(100));
            assertThat(LogRotation.rotateIfLarger(log, 50, 2)).isTrue();
        }

        assertThat(Files.size(log)).isZero();
        assertThat(Files.readString(LogRotation.numbered(log, 1))).startsWith("round 4");
        assertThat(Files.readString(LogRotation.numbered(log, 2))).startsWith("round 3");
        assertThat(LogRotation.numbered(log, 3)).doesNotExist();
    }

    @Test
    void aLogWithinItsLimitIsLeftAlone() throws IOException {
        Path log = Files.writeString(dir.resolve("web.1.log"), "short\n");

        assertThat(LogRotation.rotateIfLarger(log, 50, 2)).isFalse();

        assertThat(Files.readString(log)).isEqualTo("short\n");
        assertThat(LogRotation.numbered(log, 1)).doesNotExist();
    }
}
