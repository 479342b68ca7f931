package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a disk that fills up between two commands (a real 2 MiB tmpfs; skipped where this
 * user cannot mount one): the commit fails, and the command says so in one line with exit code 1,
 * leaving no release directory and no record behind.
 */
class FullStoreDiskTest {

    /** Room left on the disk: enough to open the store (WAL index, journal header), not to commit an import. */
    private static final long LEFT = 48 << 10;

    @TempDir
    Path temp;

    private Path disk;

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void anImportWhoseStoreCommitFindsTheDiskFullIsOneLineExitCode1AndLeavesNothing() throws Exception {
        mountSmallDisk();
        Path config = Cli.init(temp.resolve("shop"));
        Cli.replaceLine(config, "data: ", "data: \"" + disk + "\" #");
        assertThat(Cli.withConfig(config, "release", "list").exitCode()).isZero();
        Path bundle = bundle();
        Path filler = fillLeaving(LEFT);

        Cli imported = Cli.withConfig(config, "release", "import", bundle.toString(), "--version", "1.0");

        assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.err())
                .startsWith("backstop: the store could not record this because its disk is full (")
                .endsWith("nothing was recorded." + System.lineSeparator())
                .hasLineCount(1);
        assertThat(imported.out()).isEmpty();
        try (Stream<Path> releases = Files.list(temp.resolve("shop/releases"))) {
            assertThat(releases).isEmpty();
        }
        Files.delete(filler);
        Cli listed = Cli.withConfig(config, "release", "list");
        assertThat(listed.out()).startsWith("No releases yet");
    }

    private void mountSmallDisk() throws IOException, InterruptedException {
        Path mountPoint = Files.createDirectories(temp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs (needs root): " + output.strip());
        disk = mountPoint;
    }

    /** A file that takes all of the disk's free space but {@code left} bytes. */
    private Path fillLeaving(long left) throws IOException {
        Path filler = disk.resolve("filler");
        long size = Files.getFileStore(disk).getUsableSpace() - left;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written + block.length <= size; written += block.length) {
                out.write(block);
            }
        }
        return filler;
    }

    /** 200 small files: a manifest and a catalog row bigger than the room left. */
    private Path bundle() throws IOException {
        Path bundle = Files.createDirectories(temp.resolve("bundle"));
        for (int file = 1; file <= 200; file++) {
            Files.writeString(bundle.resolve("f" + file + ".txt"), "file " + file + "\n");
        }
        return bundle;
    }
}
