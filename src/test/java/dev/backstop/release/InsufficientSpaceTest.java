package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.BackstopException;
import dev.backstop.config.ImportLimits;
import dev.backstop.release.TestBundle.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real full disk: a 2 MiB tmpfs mounted for the test (needs root, as in CI; skipped otherwise). */
class InsufficientSpaceTest {

    @TempDir
    Path temp;

    Path disk;

    @BeforeEach
    void mountSmallDisk() throws IOException, InterruptedException {
        disk = Files.createDirectories(temp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs (needs root): " + output.strip());
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aFullDiskFailsTheImportAndLeavesNoPartialRelease() throws IOException {
        TestBundle content = TestBundle.of();
        Random random = new Random(7);
        for (int index = 0; index < 4; index++) {
            byte[] incompressible = new byte[1 << 20];
            random.nextBytes(incompressible);
            content.file("assets/blob-" + index + ".bin", incompressible, 0644);
        }
        Path bundle = content.write(Format.TAR_GZ, temp, "big");
        Path releases = disk.resolve("releases");
        BundleImporter importer = new BundleImporter(
                releases, disk.resolve("shared"), List.of(), ImportLimits.DEFAULT, Clock.systemUTC());

        assertThatThrownBy(() -> importer.stage(bundle, "1.0", ImportProgress.NONE))
                .isInstanceOf(InsufficientSpaceException.class)
                .hasMessageContaining("ran out of disk space")
                .hasMessageContaining("no partial release was left")
                .hasMessageContaining("free")
                .satisfies(error ->
                        assertThat(((BackstopException) error).exitCode()).isEqualTo(1));
        assertThat(releases).isEmptyDirectory();
    }
}
