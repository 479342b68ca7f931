package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.store.StoreUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store lost, emptied or damaged under a live app (the example shop in proxy mode, the real
 * daemon, proxy and CLI): the release directories are the truth, the live release keeps serving and
 * nothing that serves is ever pruned; a store Backstop cannot read stops it, untouched.
 */
class LostStoreTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private ExampleShop shop;
    private Path storeFile;

    @BeforeEach
    void deployV1() throws IOException {
        shop = ExampleShop.proxyMode(dir);
        storeFile = dir.resolve("data/backstop.db");
        shop.startDaemon();
        ExampleShop.Result v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.output()).isZero();
    }

    @AfterEach
    void stopEverything() {
        shop.close();
    }

    @Test
    void aDaemonStartingOnAnEmptiedStoreRebuildsTheCatalogAndStatusShowsTheRebuildUntilAReleaseIsVerifiedAgain()
            throws Exception {
        ExampleShop.Result v4 = shop.backstop("deploy", "v4");
        assertThat(v4.exitCode()).as(v4.output()).isZero();
        shop.stopDaemon();

        truncateTheStore();
        shop.startDaemon();

        ExampleShop.Result status = shop.backstop("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .containsPattern("Live: +v4 \\(\\d{8}-\\d{6}-[0-9a-f]{4}, imported\\)")
                .contains("Store:           REBUILT", "rebuilt from 4 release directories", "routes.json");
        ExampleShop.Result list = shop.backstop("release", "list");
        assertThat(list.output()).contains("v1", "v2", "v3", "v4");
        ExampleShop.Result timeline = shop.backstop("timeline", "--format", "json");
        assertThat(timeline.output()).contains("\"store.rebuilt\"");
        assertThat(get("/").body()).contains("Shop v4");

        ExampleShop.Result deployAfterRebuild = shop.backstop("deploy", "v1");

        assertThat(deployAfterRebuild.exitCode())
                .as(deployAfterRebuild.output())
                .isZero();
        assertThat(get("/").body()).contains("Shop v1");
        assertThat(shop.backstop("status").output())
                .as("a verified release again: the rebuild no longer needs attention")
                .doesNotContain("REBUILT");
    }

    @Test
    void afterARebuildTheDoctorNamesTheRebuildAndTheWayOutItGivesBringsARollbackBack() throws Exception {
        shop.stopDaemon();
        truncateTheStore();
        shop.startDaemon();

        ExampleShop.Result rebuilt = shop.backstop("doctor");

        assertThat(rebuilt.exitCode()).as(rebuilt.output()).isEqualTo(1);
        assertThat(rebuilt.output())
                .containsPattern("fail +rollback-target +the store was rebuilt from the release directories at"
                        + " \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC")
                .containsPattern("'v2' \\(\\S+\\) lost its state in the store's rebuild")
                .contains("no release is known-good", "deploy a release ('backstop deploy VERSION')")
                .doesNotContain("no known-good release besides the live one");

        ExampleShop.Result first = shop.backstop("deploy", "v4");
        assertThat(first.exitCode()).as(first.output()).isZero();
        ExampleShop.Result oneVerified = shop.backstop("doctor");
        assertThat(oneVerified.exitCode()).as(oneVerified.output()).isEqualTo(1);
        assertThat(oneVerified.output())
                .contains("no known-good release besides the live one")
                .containsPattern("'v1' \\(\\S+\\) lost its state in the store's rebuild");

        ExampleShop.Result second = shop.backstop("deploy", "v1");
        assertThat(second.exitCode()).as(second.output()).isZero();
        ExampleShop.Result wayBack = shop.backstop("doctor");
        assertThat(wayBack.exitCode()).as(wayBack.output()).isZero();
        assertThat(wayBack.output()).contains("ok    rollback-target  rollback target 'v4'");

        ExampleShop.Result rollback = shop.backstop("rollback");

        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(get("/").body()).contains("Shop v4");
    }

    @Test
    void pruneAfterARebuildKeepsTheReleaseTheProxyRoutesToEvenWhenTheStoreSaysNothingIsLive() throws Exception {
        shop.stopDaemon();
        truncateTheStore();
        ageTheReleaseDirectories(Duration.ofHours(2));
        shop.startDaemon();
        TestCatalog.clearLive(shop.config());
        Files.writeString(shop.config(), "keep_releases: 2\n", StandardOpenOption.APPEND);

        ExampleShop.Result prune = shop.backstop("release", "prune");

        assertThat(prune.exitCode()).as(prune.output()).isZero();
        assertThat(prune.output()).containsPattern("kept +v1 \\(\\S+\\): in-use");
        assertThat(prune.output()).doesNotContain("leftover");
        assertThat(versionsOnDisk()).containsExactlyInAnyOrder("v1", "v4");
        assertThat(get("/").body()).contains("Shop v1");
    }

    @Test
    void aStoreThatIsNotADatabaseStopsTheDaemonAndEveryCommandUntouchedUntilItIsMovedAsideAsTheMessageSays()
            throws Exception {
        shop.stopDaemon();
        byte[] garbage =
                "these are not the droids you are looking for\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(storeFile, garbage);
        List<String> dataBefore = namesIn(storeFile.getParent());

        assertThatThrownBy(shop::startDaemon)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("'" + storeFile + "' is not a SQLite database")
                .hasMessageContaining("mv '" + storeFile + "' '" + storeFile + ".broken'");
        Cli status = Cli.withConfig(shop.config(), "status");
        Cli prune = Cli.withConfig(shop.config(), "release", "prune");

        for (Cli refused : List.of(status, prune)) {
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err().lines()).as(refused.toString()).hasSize(1);
            assertThat(refused.err()).contains(storeFile.toString(), "move it aside");
        }
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(garbage);
        assertThat(namesIn(storeFile.getParent())).isEqualTo(dataBefore);
        assertThat(versionsOnDisk()).containsExactlyInAnyOrder("v1", "v2", "v3", "v4");
        assertThat(get("/").body()).contains("Shop v1");

        Files.move(storeFile, storeFile.resolveSibling("backstop.db.broken"));
        shop.startDaemon();

        ExampleShop.Result rebuilt = shop.backstop("status");
        assertThat(rebuilt.output()).containsPattern("Live: +v1 ").contains("Store:           REBUILT");
        assertThat(storeFile.resolveSibling("backstop.db.broken")).hasBinaryContent(garbage);
    }

    /** What the issue reproduced: the store file cut to zero bytes while the daemon was down. */
    private void truncateTheStore() throws IOException {
        Files.write(storeFile, new byte[0]);
        Files.deleteIfExists(storeFile.resolveSibling("backstop.db-wal"));
        Files.deleteIfExists(storeFile.resolveSibling("backstop.db-shm"));
    }

    /** Release directories older than any running import, as they are an hour after the loss. */
    private void ageTheReleaseDirectories(Duration age) throws IOException {
        for (Path release : releaseDirectories()) {
            Files.setLastModifiedTime(release, FileTime.from(Instant.now().minus(age)));
        }
    }

    private List<String> versionsOnDisk() throws IOException {
        return releaseDirectories().stream()
                .map(release -> {
                    try {
                        return Files.readString(release.resolve("VERSION")).strip();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private List<Path> releaseDirectories() throws IOException {
        try (Stream<Path> children = Files.list(shop.root().resolve("releases"))) {
            return children.filter(Files::isDirectory).toList();
        }
    }

    private static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(child -> child.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.webPort() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
