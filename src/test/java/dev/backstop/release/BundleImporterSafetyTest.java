package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.BackstopException;
import dev.backstop.config.ImportLimits;
import dev.backstop.release.TestBundle.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleImporterSafetyTest {

    @TempDir
    Path temp;

    Path releases;
    Path bundles;

    @BeforeEach
    void layOut() throws IOException {
        releases = temp.resolve("app/releases");
        bundles = Files.createDirectories(temp.resolve("app/bundles/deep"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesAnEntryThatClimbsOutWithDotDot(Format format) throws IOException {
        Path bundle = TestBundle.of()
                .file("ok.txt", "fine")
                .file("../../evil.txt", "pwned")
                .write(format, bundles, "b");

        assertRefused(bundle, "../../evil.txt");
        assertThat(temp.resolve("app/evil.txt")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesAnAbsoluteEntry(Format format) throws IOException {
        Path target = temp.resolve("absolute-evil.txt");
        Path bundle = TestBundle.of().file(target.toString(), "pwned").write(format, bundles, "b");

        assertRefused(bundle, target.toString());
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesASymlinkLeavingTheRelease(Format format) throws IOException {
        Path bundle = TestBundle.of()
                .dir("config")
                .symlink("config/secrets", "../../../etc")
                .write(format, bundles, "b");

        assertRefused(bundle, "config/secrets");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesAnAbsoluteSymlink(Format format) throws IOException {
        Path bundle = TestBundle.of().symlink("passwd", "/etc/passwd").write(format, bundles, "b");

        assertRefused(bundle, "passwd");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesASymlinkThatLeavesOnlyThroughAChainOfLinks(Format format) throws IOException {
        // Lexically sub/escape -> sub/up/.. is sub; the kernel follows sub/up to the root first.
        Path bundle = TestBundle.of()
                .dir("sub")
                .symlink("sub/up", "..")
                .symlink("sub/escape", "up/..")
                .write(format, bundles, "b");

        assertRefused(bundle, "sub/escape");
    }

    @Test
    void refusesAHardLinkToAFileOutsideTheRelease() throws IOException {
        Path bundle =
                TestBundle.of().hardlink("passwd", "../../../../etc/passwd").write(Format.TAR_GZ, bundles, "b");

        assertRefused(bundle, "passwd");
    }

    @Test
    void refusesAnAbsoluteHardLink() throws IOException {
        Path bundle = TestBundle.of().hardlink("shadow", "/etc/shadow").write(Format.TAR_GZ, bundles, "b");

        assertRefused(bundle, "shadow");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesToWriteThroughASymlinkTheBundleCreated(Format format) throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path bundle = TestBundle.of()
                .symlink("a", outside.toString())
                .file("a/x", "through the link")
                .write(format, bundles, "b");

        assertRefused(bundle, "a/x");
        assertThat(outside).isEmptyDirectory();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesToWriteThroughASymlinkEvenWhenItPointsInside(Format format) throws IOException {
        Path bundle = TestBundle.of()
                .dir("real")
                .symlink("alias", "real")
                .file("alias/x", "x")
                .write(format, bundles, "b");

        assertRefused(bundle, "alias/x");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesACharacterDevice(Format format) throws IOException {
        Path bundle =
                TestBundle.of().file("ok.txt", "fine").charDevice("dev/mem").write(format, bundles, "b");

        assertRefused(bundle, "dev/mem");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesAFifo(Format format) throws IOException {
        Path bundle = TestBundle.of().fifo("tmp/pipe").write(format, bundles, "b");

        assertRefused(bundle, "tmp/pipe");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesMoreEntriesThanTheLimit(Format format) throws IOException {
        TestBundle content = TestBundle.of();
        Stream.of("a", "b", "c", "d").forEach(name -> content.file(name, name));
        Path bundle = content.write(format, bundles, "b");

        assertRefused(bundle, "d", new ImportLimits(3, 1 << 20, 200));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesMoreBytesThanTheLimitCountingWhatReallyUnpacks(Format format) throws IOException {
        Path bundle = TestBundle.of()
                .file("small", "12345")
                .file("big", randomBytes(5000), 0644)
                .write(format, bundles, "b");

        assertRefused(bundle, "big", new ImportLimits(100, 4000, 200));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesADecompressionBomb(Format format) throws IOException {
        Path bundle = TestBundle.of().file("zeros", new byte[8 << 20], 0644).write(format, bundles, "b");

        assertRefused(bundle, "zeros", new ImportLimits(100, 1L << 40, 200));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesAPathThatAppearsTwice(Format format) throws IOException {
        Path bundle = TestBundle.of().file("app.rb", "v1").file("app.rb", "v2").write(format, bundles, "b");

        assertRefused(bundle, "app.rb");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesEntriesInTheReservedBackstopDirectory(Format format) throws IOException {
        Path bundle = TestBundle.of().file(".backstop/manifest.json", "{}").write(format, bundles, "b");

        assertRefused(bundle, ".backstop/manifest.json");
    }

    @Test
    void refusesADirectoryBundleWithASymlinkLeavingIt() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src/app"));
        Files.writeString(source.resolve("app.rb"), "puts 1");
        Files.createSymbolicLink(source.resolve("home"), Path.of("../.."));

        assertRefused(source, "home");
    }

    @Test
    void refusesADirectoryBundleWithAFifo() throws IOException, InterruptedException {
        Path source = Files.createDirectories(temp.resolve("src/app"));
        Process mkfifo = new ProcessBuilder("mkfifo", source.resolve("pipe").toString())
                .inheritIO()
                .start();
        assertThat(mkfifo.waitFor()).isZero();

        assertRefused(source, "pipe");
    }

    @Test
    void leavesNothingBehindWhenTheArchiveIsTruncated() throws IOException {
        Path whole = TestBundle.of().file("big", randomBytes(200_000), 0644).write(Format.TAR_GZ, bundles, "whole");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated =
                Files.write(bundles.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> importer(ImportLimits.DEFAULT).stage(truncated, "1.0", ImportProgress.NONE))
                .isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining(truncated.toString());
        assertThat(releases).isEmptyDirectory();
    }

    private void assertRefused(Path bundle, String entry) {
        assertRefused(bundle, entry, ImportLimits.DEFAULT);
    }

    private void assertRefused(Path bundle, String entry, ImportLimits limits) {
        assertThatThrownBy(() -> importer(limits).stage(bundle, "1.0", ImportProgress.NONE))
                .isInstanceOf(UnsafeBundleException.class)
                .hasMessageContaining("'" + bundle + "'")
                .hasMessageContaining("entry '" + entry + "'")
                .satisfies(error ->
                        assertThat(((BackstopException) error).exitCode()).isEqualTo(2))
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
        assertThat(releases).isEmptyDirectory();
    }

    private BundleImporter importer(ImportLimits limits) {
        return new BundleImporter(releases, temp.resolve("app/shared"), List.of(), limits, Clock.systemUTC());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
