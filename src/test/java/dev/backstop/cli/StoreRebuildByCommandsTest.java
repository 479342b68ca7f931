package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.ProcessRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store cut to zero bytes while the daemon is down: the first command rebuilds the catalog from
 * the release directories, with the live release named by {@code current} or the process ledger.
 */
class StoreRebuildByCommandsTest {

    @TempDir
    Path temp;

    Path configFile;
    BackstopConfig config;

    @BeforeEach
    void importTwoReleasesAndEmptyTheStore() throws IOException {
        configFile = Cli.init(temp.resolve("shop"));
        config = new ConfigLoader().load(configFile);
        for (String version : new String[] {"1.0", "2.0"}) {
            Path bundle = Files.createDirectories(temp.resolve("bundle-" + version));
            Files.writeString(bundle.resolve("app.rb"), "puts '" + version + "'\n");
            assertThat(Cli.withConfig(configFile, "release", "import", bundle.toString(), "--version", version)
                            .exitCode())
                    .isZero();
        }
        Path store = config.data().resolve("backstop.db");
        Files.write(store, new byte[0]);
        Files.deleteIfExists(store.resolveSibling("backstop.db-wal"));
        Files.deleteIfExists(store.resolveSibling("backstop.db-shm"));
    }

    @Test
    void theReleaseCurrentPointsAtIsLiveAgainAfterTheFirstCommand() throws IOException {
        Files.createSymbolicLink(config.root().resolve("current"), Path.of("releases", idOf("1.0")));

        Cli status = Cli.withConfig(configFile, "status");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .containsPattern("Live: +1\\.0 \\(")
                .contains("Store:           REBUILT", "from 2 release directories", "the link '");
        assertThat(Cli.withConfig(configFile, "release", "list").out()).contains("1.0", "2.0");
    }

    @Test
    void withoutRoutesOrCurrentTheReleaseOfTheNewestRecordedProcessIsLive() throws IOException {
        FileProcessLedger ledger = new FileProcessLedger(config.data());
        Instant now = Instant.now();
        ledger.save(process("web", idOf("1.0"), now.minusSeconds(60)));
        ledger.save(process("worker", idOf("2.0"), now));

        Cli status = Cli.withConfig(configFile, "status");

        assertThat(status.out()).containsPattern("Live: +2\\.0 \\(").contains("the process ledger '");
    }

    @Test
    void withNothingThatNamesALiveReleaseEveryReleaseComesBackAndNoneIsLive() {
        Cli list = Cli.withConfig(configFile, "release", "list");

        assertThat(list.out()).contains("1.0", "2.0").doesNotContain("live");
        assertThat(Cli.withConfig(configFile, "status").out()).contains("Live:            none yet", "REBUILT");
    }

    @Test
    void statusJsonCarriesTheRebuildEvent() throws IOException {
        Cli status = Cli.withConfig(configFile, "status", "--json");

        JsonNode rebuilt = Json.mapper().readTree(status.out()).path("storeRebuilt");
        assertThat(rebuilt.path("kind").asText()).as(status.out()).isEqualTo("store.rebuilt");
        assertThat(rebuilt.path("details").path("releases").asText()).isEqualTo("2");
    }

    private ProcessRecord process(String service, String releaseId, Instant startedAt) {
        return new ProcessRecord(
                service, 1, releaseId, 999_999, 1, 0, config.logsDir().resolve(service + ".log"), startedAt);
    }

    /** The release directory whose manifest says {@code version}; read from disk, the store was lost. */
    private String idOf(String version) throws IOException {
        try (var releases = Files.list(config.releasesDir())) {
            return releases.filter(release -> readsVersion(release, version))
                    .findFirst()
                    .orElseThrow()
                    .getFileName()
                    .toString();
        }
    }

    private static boolean readsVersion(Path release, String version) {
        try {
            return Json.mapper()
                    .readTree(release.resolve(".backstop/manifest.json").toFile())
                    .path("version")
                    .asText()
                    .equals(version);
        } catch (IOException notARelease) {
            return false;
        }
    }
}
