package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.config.ImportLimits;
import dev.backstop.release.TestBundle.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeVerifierTest {

    @TempDir
    Path temp;

    Path shared;
    Path release;

    @BeforeEach
    void importRelease() throws IOException {
        shared = temp.resolve("app/shared");
        Path bundle = BundleImporterTest.app().write(Format.TAR_GZ, temp, "app");
        BundleImporter importer = new BundleImporter(
                temp.resolve("app/releases"),
                shared,
                List.of("log", "tmp/pids"),
                ImportLimits.DEFAULT,
                Clock.systemUTC());
        release = importer.stage(bundle, "1.0", ImportProgress.NONE).commit();
    }

    @Test
    void aFreshReleaseIsIntact() {
        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.isIntact()).isTrue();
        assertThat(report.summary()).isEqualTo("intact");
    }

    @Test
    void oneFlippedByteIsCaughtInExactlyThatFile() throws IOException {
        Path file = release.resolve("lib/a.rb");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[2] ^= 1;
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.changed()).containsExactly("lib/a.rb");
        assertThat(report.missing()).isEmpty();
        assertThat(report.extra()).isEmpty();
        assertThat(report.modeChanged()).isEmpty();
        assertThat(report.isIntact()).isFalse();
        assertThat(report.summary()).isEqualTo("1 changed ('lib/a.rb')");
    }

    @Test
    void aDeletedFileIsMissing() throws IOException {
        withWritable(release.resolve("lib"), () -> Files.delete(release.resolve("lib/b.rb")));

        assertThat(TreeVerifier.verify(release).missing()).containsExactly("lib/b.rb");
    }

    @Test
    void anAddedFileIsExtraButTheManifestDirectoryIsNot() throws IOException {
        withWritable(
                release.resolve("lib"), () -> Files.writeString(release.resolve("lib/backdoor.rb"), "system(params)"));

        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.extra()).containsExactly("lib/backdoor.rb");
        assertThat(report.changed()).isEmpty();
        assertThat(report.isIntact()).isTrue();
        assertThat(report.hasDrift()).isTrue();
        assertThat(report.summary()).isEqualTo("intact; drift: 1 extra ('lib/backdoor.rb')");
    }

    @Test
    void aPycacheDirectoryBesideTheCodeIsABuildCacheNeitherDriftNorCorruption() throws IOException {
        withWritable(release.resolve("lib"), () -> {
            Files.createDirectory(release.resolve("lib/__pycache__"));
            Files.writeString(release.resolve("lib/__pycache__/a.cpython-311.pyc"), "bytecode");
        });

        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.buildCaches()).containsExactly("lib/__pycache__");
        assertThat(report.extra()).isEmpty();
        assertThat(report.isIntact()).isTrue();
        assertThat(report.hasDrift()).isFalse();
        assertThat(report.summary()).isEqualTo("intact; ignored: 1 build cache ('lib/__pycache__')");
    }

    @Test
    void anUnknownDirectoryHoldingOnlyCachesIsNoDriftButOneWithAnythingElseIsOnePath() throws IOException {
        withWritable(release, () -> {
            Files.createDirectories(release.resolve("web/node_modules/.cache/babel"));
            Files.writeString(release.resolve("web/node_modules/.cache/babel/x.json"), "{}");
            Files.createDirectories(release.resolve("uploads/2026"));
            Files.writeString(release.resolve("uploads/2026/cat.png"), "png");
            Files.createDirectories(release.resolve("uploads/__pycache__"));
        });

        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.buildCaches()).containsExactly("web/node_modules/.cache");
        assertThat(report.extra()).containsExactly("uploads");
        assertThat(report.isIntact()).isTrue();
    }

    @Test
    void verifyIgnoreGlobsHideTheirPathsFromDriftAndListThemAsIgnored() throws IOException {
        withWritable(release.resolve("lib"), () -> {
            Files.createDirectories(release.resolve("lib/sessions/ab"));
            Files.writeString(release.resolve("lib/sessions/ab/1"), "session");
            Files.writeString(release.resolve("lib/stray.txt"), "?");
        });

        VerifyReport report = TreeVerifier.verify(release, ExtraPaths.ignoring(List.of("lib/sessions/")));

        assertThat(report.ignored()).containsExactly("lib/sessions");
        assertThat(report.extra()).containsExactly("lib/stray.txt");
        assertThat(report.summary())
                .isEqualTo("intact; drift: 1 extra ('lib/stray.txt'); ignored: 1 verify.ignore ('lib/sessions')");
    }

    @Test
    void aChangedFileIsCorruptEvenWhenAnIgnoreGlobMatchesIt() throws IOException {
        Path file = release.resolve("lib/a.rb");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(file, "A = 2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        VerifyReport report = TreeVerifier.verify(release, ExtraPaths.ignoring(List.of("*.rb", "lib/")));

        assertThat(report.changed()).containsExactly("lib/a.rb");
        assertThat(report.isIntact()).isFalse();
    }

    @Test
    void aChangedModeIsReported() throws IOException {
        Files.setPosixFilePermissions(release.resolve("lib/a.rb"), PosixFilePermissions.fromString("r-xr-xr-x"));

        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.modeChanged()).containsExactly("lib/a.rb");
        assertThat(report.changed()).isEmpty();
    }

    @Test
    void aRetargetedSymlinkIsReported() throws IOException {
        withWritable(release.resolve("lib"), () -> {
            Files.delete(release.resolve("lib/link.rb"));
            Files.createSymbolicLink(release.resolve("lib/link.rb"), Path.of("b.rb"));
        });

        assertThat(TreeVerifier.verify(release).retargeted()).containsExactly("lib/link.rb");
    }

    @Test
    void aFileReplacedByADirectoryIsChanged() throws IOException {
        withWritable(release.resolve("lib"), () -> {
            Files.delete(release.resolve("lib/b.rb"));
            Files.createDirectory(release.resolve("lib/b.rb"));
        });

        assertThat(TreeVerifier.verify(release).changed()).containsExactly("lib/b.rb");
    }

    @Test
    void aSharedLinkPointingElsewhereOrAtNothingIsReported() throws IOException {
        withWritable(release, () -> {
            Files.delete(release.resolve("log"));
            Files.createSymbolicLink(release.resolve("log"), temp.resolve("elsewhere"));
        });
        Files.delete(shared.resolve("tmp/pids"));

        VerifyReport report = TreeVerifier.verify(release);

        assertThat(report.retargetedSharedLinks()).containsExactly("log");
        assertThat(report.brokenSharedLinks()).containsExactly("tmp/pids");
        assertThat(report.extra()).isEmpty();
    }

    @Test
    void aReleaseWithoutManifestCannotBeVerified() throws IOException {
        withWritable(release.resolve(".backstop"), () -> Files.delete(release.resolve(Manifest.RELATIVE_PATH)));

        assertThatThrownBy(() -> TreeVerifier.verify(release))
                .isInstanceOf(UnreadableManifestException.class)
                .hasMessageContaining("'" + release + "'");
    }

    /** Real operators must make a directory writable before changing it; so do the tests. */
    private static void withWritable(Path directory, FileChange change) throws IOException {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(directory);
        Set<PosixFilePermission> writable = EnumSet.copyOf(before);
        writable.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(directory, writable);
        change.run();
        Files.setPosixFilePermissions(directory, before);
    }

    @FunctionalInterface
    private interface FileChange {
        void run() throws IOException;
    }
}
