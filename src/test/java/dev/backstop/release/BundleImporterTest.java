package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.config.ImportLimits;
import dev.backstop.release.TestBundle.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:52:12Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    Path releases;
    Path shared;

    @BeforeEach
    void layOut() {
        releases = temp.resolve("app/releases");
        shared = temp.resolve("app/shared");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void archivesKeepExecBitsAndRelativeSymlinks(Format format) throws IOException {
        Path bundle = app().write(format, temp, "app");

        Path release =
                importer(List.of()).stage(bundle, "1.0", ImportProgress.NONE).commit();

        assertKeepsModesAndLinks(release);
    }

    @Test
    void directoriesKeepExecBitsAndRelativeSymlinks() throws IOException {
        Path release = importer(List.of())
                .stage(appDirectory(), "1.0", ImportProgress.NONE)
                .commit();

        assertKeepsModesAndLinks(release);
    }

    @Test
    void theSameContentGivesTheSameDigestWhateverTheBundleKind() throws IOException {
        BundleImporter importer = importer(List.of());

        String fromTar = importer.stage(app().write(Format.TAR_GZ, temp, "app"), "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();
        String fromZip = importer.stage(app().write(Format.ZIP, temp, "app"), "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();
        String fromDirectory = importer.stage(appDirectory(), "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();

        assertThat(fromTar).matches("[0-9a-f]{64}").isEqualTo(fromZip).isEqualTo(fromDirectory);
    }

    @Test
    void directoriesABundleOnlyImpliesAreRecordedSoTheyMatchListedOnes() throws IOException {
        Path implied = TestBundle.of().file("lib/deep/a.rb", "A").write(Format.ZIP, temp, "implied");
        Path listed = TestBundle.of()
                .dir("lib")
                .dir("lib/deep")
                .file("lib/deep/a.rb", "A")
                .write(Format.TAR_GZ, temp, "listed");
        BundleImporter importer = importer(List.of());

        StagedRelease fromImplied = importer.stage(implied, "1", ImportProgress.NONE);
        String fromListed =
                importer.stage(listed, "1", ImportProgress.NONE).manifest().treeDigest();

        assertThat(fromImplied.manifest().entries())
                .extracting(ManifestEntry::path)
                .containsExactly("lib", "lib/deep", "lib/deep/a.rb");
        assertThat(fromImplied.manifest().treeDigest()).isEqualTo(fromListed);
        assertThat(TreeVerifier.verify(fromImplied.commit()).isIntact()).isTrue();
    }

    @Test
    void oneChangedByteChangesTheDigest() throws IOException {
        BundleImporter importer = importer(List.of());

        String before = importer.stage(app().write(Format.TAR_GZ, temp, "a"), "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();
        String after = importer.stage(
                        app().file("lib/extra.rb", "x").write(Format.TAR_GZ, temp, "b"), "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aTarHardLinkBecomesAFileWithTheSameContent() throws IOException {
        Path bundle =
                TestBundle.of().file("a.txt", "same").hardlink("b.txt", "a.txt").write(Format.TAR_GZ, temp, "links");

        StagedRelease staged = importer(List.of()).stage(bundle, "1", ImportProgress.NONE);
        Path release = staged.commit();

        assertThat(release.resolve("b.txt")).hasContent("same");
        assertThat(staged.manifest().entries()).extracting(ManifestEntry::kind).containsOnly(ManifestEntry.Kind.FILE);
        assertThat(TreeVerifier.verify(release).isIntact()).isTrue();
    }

    @Test
    void theManifestDescribesTheReleaseAndIsWrittenInsideIt() throws IOException {
        Path bundle = app().write(Format.TAR_GZ, temp, "app");

        StagedRelease staged = importer(List.of()).stage(bundle, "2.4.1", ImportProgress.NONE);
        Path release = staged.commit();

        Manifest manifest = staged.manifest();
        assertThat(release).isEqualTo(releases.resolve(staged.id().value()));
        assertThat(staged.id().value()).startsWith("20261125-095212-");
        assertThat(manifest.version()).isEqualTo("2.4.1");
        assertThat(manifest.source()).isEqualTo(bundle.toString());
        assertThat(manifest.importedAt()).isEqualTo(CLOCK.instant());
        assertThat(manifest.fileCount()).isEqualTo(3);
        assertThat(manifest.sizeBytes()).isEqualTo("#!/bin/sh\necho run\n".length() + "A = 1\n".length() + 6);
        assertThat(manifest.entries())
                .extracting(ManifestEntry::path)
                .containsExactly("bin", "bin/run", "current", "lib", "lib/a.rb", "lib/b.rb", "lib/link.rb");
        assertThat(ManifestJson.read(release)).isEqualTo(manifest);
    }

    @Test
    void aCommittedReleaseIsReadOnlyAndNoStagingDirectoryRemains() throws IOException {
        Path release = importer(List.of("log"))
                .stage(app().write(Format.ZIP, temp, "app"), "1", ImportProgress.NONE)
                .commit();

        List<String> writable = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(release)) {
            paths.filter(path -> !Files.isSymbolicLink(path)).forEach(path -> {
                if (permissionsOf(path).stream()
                        .anyMatch(permission -> permission.name().endsWith("_WRITE"))) {
                    writable.add(path.toString());
                }
            });
        }
        assertThat(writable).isEmpty();
        try (Stream<Path> names = Files.list(releases)) {
            assertThat(names).containsExactly(release);
        }
    }

    @Test
    void aReleaseTreeCanBeDeletedAfterCommitWithoutTouchingTheSharedDirectory() throws IOException {
        Path release = importer(List.of("log"))
                .stage(app().write(Format.TAR_GZ, temp, "app"), "1", ImportProgress.NONE)
                .commit();
        Files.writeString(shared.resolve("log/production.log"), "keep me");

        ReleaseTree.delete(release);

        assertThat(release).doesNotExist();
        assertThat(shared.resolve("log/production.log")).hasContent("keep me");
    }

    @Test
    void sharedPathsReplaceTheBundlesContentWithLinksIntoTheSharedDirectory() throws IOException {
        Path bundle = app().file("log/old.log", "stale").write(Format.TAR_GZ, temp, "app");

        StagedRelease staged = importer(List.of("log", "tmp/pids")).stage(bundle, "1", ImportProgress.NONE);
        Path release = staged.commit();

        assertThat(Files.readSymbolicLink(release.resolve("log")))
                .isEqualTo(shared.resolve("log").toAbsolutePath());
        assertThat(Files.readSymbolicLink(release.resolve("tmp/pids")))
                .isEqualTo(shared.resolve("tmp/pids").toAbsolutePath());
        assertThat(shared.resolve("log")).isDirectory().isEmptyDirectory();
        assertThat(shared.resolve("tmp/pids")).isDirectory();
        assertThat(staged.manifest().entries()).extracting(ManifestEntry::path).doesNotContain("log", "log/old.log");
        assertThat(staged.manifest().sharedLinks()).extracting(SharedLink::path).containsExactly("log", "tmp/pids");
    }

    @Test
    void sharedLinksDoNotChangeTheTreeDigest() throws IOException {
        Path bundle = app().write(Format.TAR_GZ, temp, "app");

        String plain = importer(List.of())
                .stage(bundle, "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();
        String linked = importer(List.of("log", "tmp/pids"))
                .stage(bundle, "1", ImportProgress.NONE)
                .manifest()
                .treeDigest();

        assertThat(linked).isEqualTo(plain);
    }

    @Test
    void aSharedPathThatLeavesTheReleaseIsRefusedBeforeAnyImport() {
        assertThatThrownBy(() -> importer(List.of("../escape")))
                .isInstanceOf(InvalidSharedPathException.class)
                .hasMessageContaining("'../escape'");
    }

    @Test
    void progressReportsEveryByteAndEntry() throws IOException {
        List<long[]> reports = new ArrayList<>();

        importer(List.of())
                .stage(
                        app().write(Format.TAR_GZ, temp, "app"),
                        "1",
                        (bytes, entries) -> reports.add(new long[] {bytes, entries}));

        assertThat(reports.get(reports.size() - 1)).containsExactly(31, 7);
    }

    @Test
    void discardRemovesTheStagingDirectory() throws IOException {
        StagedRelease staged =
                importer(List.of()).stage(app().write(Format.TAR_GZ, temp, "app"), "1", ImportProgress.NONE);

        staged.discard();

        assertThat(releases).isEmptyDirectory();
    }

    @Test
    void anInvalidVersionIsRefusedWithTheRule() throws IOException {
        Path bundle = app().write(Format.TAR_GZ, temp, "app");

        assertThatThrownBy(() -> importer(List.of()).stage(bundle, "../1.0", ImportProgress.NONE))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'../1.0'")
                .hasMessageContaining("letters, digits");
    }

    @Test
    void aMissingBundleIsNamedWithTheAcceptedKinds() {
        Path missing = temp.resolve("nope.tar.gz");

        assertThatThrownBy(() -> importer(List.of()).stage(missing, "1", ImportProgress.NONE))
                .isInstanceOf(NoSuchBundleException.class)
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining(".tar.gz, .tgz or .zip file, or a directory");
    }

    @Test
    void aBundleOfAnUnknownKindIsNamedWithTheAcceptedKinds() throws IOException {
        Path rar = Files.writeString(temp.resolve("app.rar"), "Rar!");

        assertThatThrownBy(() -> importer(List.of()).stage(rar, "1", ImportProgress.NONE))
                .isInstanceOf(UnsupportedBundleException.class)
                .hasMessageContaining("'" + rar + "'")
                .hasMessageContaining(".tar.gz, .tgz or .zip file, or a directory");
    }

    @Test
    void aDirectoryHoldingTheReleasesIsRefused() throws IOException {
        Files.createDirectories(releases);

        assertThatThrownBy(() -> importer(List.of()).stage(temp.resolve("app"), "1", ImportProgress.NONE))
                .isInstanceOf(UnsupportedBundleException.class)
                .hasMessageContaining("releases directory");
    }

    @Test
    void releaseIdsSortByTime() {
        String earlier = ReleaseId.next(CLOCK).value();
        String later = ReleaseId.next(Clock.offset(CLOCK, java.time.Duration.ofSeconds(1)))
                .value();

        assertThat(earlier).matches("20261125-095212-[0-9a-f]{4}");
        assertThat(later).isGreaterThan(earlier);
    }

    private BundleImporter importer(List<String> sharedPaths) {
        return new BundleImporter(releases, shared, sharedPaths, ImportLimits.DEFAULT, CLOCK);
    }

    static TestBundle app() {
        return TestBundle.of()
                .dir("bin")
                .file("bin/run", "#!/bin/sh\necho run\n", 0755)
                .dir("lib")
                .file("lib/a.rb", "A = 1\n")
                .symlink("lib/link.rb", "a.rb")
                .file("lib/b.rb", "A = 1\n")
                .symlink("current", "lib");
    }

    private Path appDirectory() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src/app"));
        Files.createDirectories(source.resolve("bin"));
        Files.createDirectories(source.resolve("lib"));
        Files.writeString(source.resolve("bin/run"), "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(source.resolve("bin/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(source.resolve("lib/a.rb"), "A = 1\n");
        Files.writeString(source.resolve("lib/b.rb"), "A = 1\n");
        Files.setPosixFilePermissions(source.resolve("lib/a.rb"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(source.resolve("lib/b.rb"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(source.resolve("lib"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(source.resolve("bin"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(source.resolve("lib/link.rb"), Path.of("a.rb"));
        Files.createSymbolicLink(source.resolve("current"), Path.of("lib"));
        return source;
    }

    private static void assertKeepsModesAndLinks(Path release) throws IOException {
        assertThat(permissionsOf(release.resolve("bin/run")))
                .contains(
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE);
        assertThat(permissionsOf(release.resolve("lib/a.rb"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.readSymbolicLink(release.resolve("lib/link.rb"))).isEqualTo(Path.of("a.rb"));
        assertThat(release.resolve("lib/link.rb")).hasContent("A = 1");
        assertThat(release.resolve("current/a.rb")).hasContent("A = 1");
        assertThat(release.resolve("lib/b.rb")).hasContent("A = 1");
        assertThat(release.resolve("bin/run")).hasContent("#!/bin/sh\necho run");
    }

    private static java.util.Set<PosixFilePermission> permissionsOf(Path path) {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException error) {
            throw new java.io.UncheckedIOException(error);
        }
    }
}
