package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLogTest {

    @TempDir
    Path dir;

    @Test
    void lastLinesReturnsTheTailOfALogLongerThanOneReadChunk() throws IOException {
        Path file = dir.resolve("web.1.log");
        Files.writeString(
                file,
                IntStream.rangeClosed(1, 5000).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));

        assertThat(new ProcessLog(file).lastLines(3)).containsExactly("line 4998", "line 4999", "line 5000");
    }

    @Test
    void lastLinesOfAShortOrMissingLogIsWhatThereIs() throws IOException {
        Path file = Files.writeString(dir.resolve("web.1.log"), "only\nno break");

        assertThat(new ProcessLog(file).lastLines(10)).containsExactly("only", "no break");
        assertThat(new ProcessLog(dir.resolve("missing.log")).lastLines(10)).isEmpty();
    }

    @Test
    void aFollowerSeesOnlyCompleteLinesAppendedAfterItStarted() throws IOException {
        Path file = Files.writeString(dir.resolve("web.1.log"), "before\n");
        LogFollower follower = new ProcessLog(file).follow();

        append(file, "first\nsecond\nhalf");
        assertThat(follower.poll()).containsExactly("first", "second");

        append(file, " done\n");
        assertThat(follower.poll()).containsExactly("half done");
        assertThat(follower.poll()).isEmpty();
    }

    @Test
    void aFollowerStartsOverAfterTheLogWasTruncatedByRotation() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("web.1.log"), "a long line before rotation\n");
        LogFollower follower = new ProcessLog(file).follow();

        LogRotation.rotateIfLarger(file, 1, 1);
        append(file, "after\n");

        assertThat(follower.take(Duration.ofMillis(10))).isEqualTo("after");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
