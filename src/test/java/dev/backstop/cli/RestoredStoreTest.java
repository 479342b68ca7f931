package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store restored from a backup older than the live release (the example shop in proxy and in
 * restart mode, the real daemon, proxy and CLI): what serves wins over what the store remembers, and says so.
 */
class RestoredStoreTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> STORE_FILES = List.of("backstop.db", "backstop.db-wal", "backstop.db-shm");

    @TempDir
    Path dir;

    private ExampleShop shop;
    private Path data;

    @AfterEach
    void stopEverything() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aDaemonStartingOnAStoreRestoredFromAnOlderBackupKeepsTheReleaseThatServesAndSaysWhy() throws Exception {
        deployV1(ExampleShop.proxyMode(dir));
        String v1Id = liveId();
        shop.stopDaemon();
        Path backup = backUpTheStore();
        shop.startDaemon();
        ExampleShop.Result v5 = shop.backstop("deploy", bundleOfV5().toString(), "--version", "v5");
        assertThat(v5.exitCode()).as(v5.output()).isZero();
        String v5Id = liveId();
        shop.stopDaemon();

        restoreTheStore(backup);
        shop.startDaemon();

        assertThat(get("/").body())
                .as("no silent rollback to the backup's live release")
                .contains("Shop v5");
        ExampleShop.Result status = shop.backstop("status");
        assertThat(status.output())
                .contains("Live:            v5 (" + v5Id + ", imported)")
                .contains("Rollback target: v1 (" + v1Id + ")")
                .contains("Store:           DISAGREED", "the store named 'v1' (" + v1Id + ") live")
                .contains("'v5' (" + v5Id + ") serves according to the proxy's routes file")
                .contains("1 release directory it did not know registered as 'imported' (v5)");
        assertThat(shop.backstop("release", "list").output()).contains("v5");
        ExampleShop.Result timeline = shop.backstop("timeline", "--format", "json");
        assertThat(timeline.output())
                .contains("\"store.disagreed\"")
                .containsPattern("\"serving\" ?: ?\"" + v5Id)
                .containsPattern("\"store_live\" ?: ?\"" + v1Id);
        assertThat(shop.backstop("doctor").output())
                .as("the backup's known-good release is still a way back")
                .contains("ok    rollback-target  rollback target 'v1'");
    }

    @Test
    void inRestartModeTheCurrentLinkWinsOverARestoredStoreAndNoRestartBringsTheOldReleaseBack() throws Exception {
        deployV1(ExampleShop.restartMode(dir));
        shop.stopDaemon();
        Path backup = backUpTheStore();
        shop.startDaemon();
        ExampleShop.Result v4 = shop.backstop("deploy", "v4");
        assertThat(v4.exitCode()).as(v4.output()).isZero();
        String v4Id = liveId();
        shop.stopDaemon();

        restoreTheStore(backup);
        shop.startDaemon();

        assertThat(get("/").body()).contains("Shop v4");
        assertThat(shop.current())
                .map(current -> current.getFileName().toString())
                .contains(v4Id);
        assertThat(shop.backstop("status").output())
                .contains("Live:            v4 (" + v4Id + ", ")
                .contains("Store:           DISAGREED", "serves according to the link '");
    }

    private void deployV1(ExampleShop started) {
        shop = started;
        data = dir.resolve("data");
        shop.startDaemon();
        ExampleShop.Result v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.output()).isZero();
    }

    /** A release the backup cannot know: imported and deployed only after it was taken. */
    private Path bundleOfV5() throws IOException {
        Path v5 = dir.resolve("bundle-v5");
        try (Stream<Path> files = Files.walk(shop.appDir().resolve("v4"))) {
            for (Path file : files.toList()) {
                Path copy =
                        v5.resolve(shop.appDir().resolve("v4").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(v5.resolve("VERSION"), "v5\n");
        return v5;
    }

    private String liveId() {
        Matcher live = Pattern.compile("Live: +\\S+ \\((\\S+),")
                .matcher(shop.backstop("status").output());
        assertThat(live.find()).isTrue();
        return live.group(1);
    }

    /** What a nightly backup of the data folder holds: the store's files, copied while the daemon is down. */
    private Path backUpTheStore() throws IOException {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        for (String name : STORE_FILES) {
            if (Files.exists(data.resolve(name))) {
                Files.copy(data.resolve(name), backup.resolve(name));
            }
        }
        return backup;
    }

    private void restoreTheStore(Path backup) throws IOException {
        for (String name : STORE_FILES) {
            Files.deleteIfExists(data.resolve(name));
            if (Files.exists(backup.resolve(name))) {
                Files.copy(backup.resolve(name), data.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.webPort() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
