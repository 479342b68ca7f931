package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentLinkTest {

    @TempDir
    Path root;

    @Test
    void targetIsEmptyBeforeTheFirstSwap() {
        assertThat(new CurrentLink(root).target()).isEmpty();
    }

    @Test
    void pointAtMakesARelativeLinkToTheRelease() throws IOException {
        Path release = release("20261125-095212-a3f9", "v1");
        CurrentLink current = new CurrentLink(root);

        current.pointAt(release);

        assertThat(Files.readSymbolicLink(root.resolve("current")))
                .isEqualTo(Path.of("releases", "20261125-095212-a3f9"));
        assertThat(current.target()).contains("20261125-095212-a3f9");
        assertThat(Files.readString(root.resolve("current/VERSION"))).isEqualTo("v1");
    }

    @Test
    void theLinkStillResolvesAfterTheRootIsMoved() throws IOException {
        Path before = root.resolve("before");
        new CurrentLink(before).pointAt(release(before, "r1", "v1"));

        Path after = Files.move(before, root.resolve("after"));

        assertThat(after.resolve("current/VERSION")).hasContent("v1");
    }

    @Test
    void pointAtReplacesThePreviousTargetAndLeavesNoTemporaryLinks() throws IOException {
        CurrentLink current = new CurrentLink(root);
        current.pointAt(release("r1", "v1"));

        current.pointAt(release("r2", "v2"));

        assertThat(current.target()).contains("r2");
        try (var entries = Files.list(root)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("current", "releases");
        }
    }

    @Test
    void readersResolvingCurrentNeverSeeAMissingPathWhileItIsSwapped() throws Exception {
        List<Path> releases = List.of(release("r1", "v1"), release("r2", "v2"));
        CurrentLink current = new CurrentLink(root);
        current.pointAt(releases.get(0));
        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = IntStream.range(0, 4)
                .mapToObj(index -> new Thread(() -> readUntilStopped(swapping, reads, failures), "reader-" + index))
                .toList();
        readers.forEach(Thread::start);

        for (int swap = 1; swap <= 200; swap++) {
            current.pointAt(releases.get(swap % 2));
        }
        swapping.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(current.target()).contains("r1");
    }

    @Test
    void pointAtRefusesToReplaceARealDirectory() throws IOException {
        Path release = release("r1", "v1");
        Files.createDirectories(root.resolve("current"));
        Files.writeString(root.resolve("current/VERSION"), "by hand");

        assertThatThrownBy(() -> new CurrentLink(root).pointAt(release))
                .isInstanceOf(CurrentNotASymlinkException.class)
                .hasMessageContaining("'" + root.resolve("current") + "' is a real directory or file, not a symlink")
                .hasMessageContaining("move it aside");
        assertThat(root.resolve("current/VERSION")).hasContent("by hand");
    }

    @Test
    void targetRefusesARealDirectory() throws IOException {
        Files.createDirectories(root.resolve("current"));

        assertThatThrownBy(() -> new CurrentLink(root).target()).isInstanceOf(CurrentNotASymlinkException.class);
    }

    @Test
    void pointAtRefusesAMissingReleaseAndKeepsTheOldTarget() throws IOException {
        CurrentLink current = new CurrentLink(root);
        current.pointAt(release("r1", "v1"));

        assertThatThrownBy(() -> current.pointAt(root.resolve("releases/gone")))
                .isInstanceOf(CurrentLinkFailedException.class)
                .hasMessageContaining("'" + root.resolve("releases/gone") + "' does not exist");
        assertThat(current.target()).contains("r1");
    }

    @Test
    void pointAtRejectsADirectoryOutsideTheReleases() {
        assertThatThrownBy(() -> new CurrentLink(root).pointAt(root.resolve("shared")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path release(String id, String version) throws IOException {
        return release(root, id, version);
    }

    private static Path release(Path appRoot, String id, String version) throws IOException {
        Path directory = Files.createDirectories(appRoot.resolve("releases").resolve(id));
        Files.writeString(directory.resolve("VERSION"), version);
        return directory;
    }

    private void readUntilStopped(AtomicBoolean swapping, AtomicLong reads, ConcurrentLinkedQueue<String> failures) {
        Path version = root.resolve("current/VERSION");
        while (swapping.get()) {
            try {
                String read = Files.readString(version);
                reads.incrementAndGet();
                if (!List.of("v1", "v2").contains(read)) {
                    failures.add("unexpected content: " + read);
                }
            } catch (NoSuchFileException e) {
                failures.add("missing: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
