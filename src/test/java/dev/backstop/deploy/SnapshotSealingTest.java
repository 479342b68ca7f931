package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.Json;
import dev.backstop.config.StoreLocation;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.server.TestConfig;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots stored in plain text by an older Backstop are sealed, and their bytes leave the file. */
class SnapshotSealingTest {

    private static final String SECRET = "plain-old-secret-3141";
    private static final String RELEASE = "20261129-000000-0010";

    @TempDir
    Path dir;

    @Test
    void aPlainSnapshotIsSealedItsBytesAreGoneAndItStillOpensToItsValues() throws IOException {
        Path data = dir.resolve("data");
        EnvVault vault = EnvVault.in(data);
        ReleaseConfig plain = withEnv(ReleaseConfig.of(TestConfig.of("shop", dir, 0)), Map.of("DB_PASSWORD", SECRET));
        long deployId;
        try (Store store = Store.open(StoreLocation.sqliteIn(data))) {
            DeployLedger ledger = ledger(store);
            deployId = ledger.begin("shop", DeployKind.DEPLOY, RELEASE, Optional.empty(), "alice", plain.toJson())
                    .id();
            assertThat(bytesOf(data)).contains(SECRET);

            int sealed = ledger.rewriteSnapshots("shop", json -> ReleaseConfig.resealed(json, vault));
            store.compact();

            assertThat(sealed).isEqualTo(1);
            assertThat(ledger.rewriteSnapshots("shop", json -> ReleaseConfig.resealed(json, vault)))
                    .as("sealing twice changes nothing")
                    .isZero();
            String stored = ledger.require(deployId).configSnapshot();
            assertThat(stored).doesNotContain(SECRET).contains(EnvVault.PREFIX);
            assertThat(ReleaseConfig.fromJson(stored, vault).env()).containsEntry("DB_PASSWORD", SECRET);
        }
        assertThat(bytesOf(data)).doesNotContain(SECRET);
    }

    @Test
    void aSealedSnapshotWhoseKeysComeInAnotherOrderIsLeftAsItIs() throws Exception {
        EnvVault vault = EnvVault.in(dir.resolve("data"));
        ReleaseConfig config = withEnv(
                ReleaseConfig.of(TestConfig.of("shop", dir, 0)), Map.of("A", "1", "B", "2", "C", "3", "D", "4"));
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(config.toJson(vault));
        ObjectNode reversed = Json.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        tree.get("env").fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        names.forEach(name -> reversed.set(name, tree.get("env").get(name)));
        tree.set("env", reversed);
        String stored = Json.mapper().writeValueAsString(tree);

        assertThat(ReleaseConfig.resealed(stored, vault)).isSameAs(stored);
    }

    private static ReleaseConfig withEnv(ReleaseConfig config, Map<String, String> env) {
        return new ReleaseConfig(
                env,
                config.services(),
                config.preflight(),
                config.hooks(),
                config.verify(),
                config.envSources(),
                config.envFileKeys(),
                config.user(),
                config.migrate());
    }

    private static DeployLedger ledger(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        Instant now = Instant.now();
        new ReleaseCatalog(store.jdbi(), timeline)
                .register(
                        new Release(
                                RELEASE,
                                "shop",
                                "v1",
                                ReleaseState.IMPORTED,
                                "digest",
                                10,
                                1,
                                "/tmp/v1",
                                now,
                                "alice",
                                now),
                        "alice");
        return new DeployLedger(store.jdbi(), timeline, Clock.systemUTC());
    }

    private static String bytesOf(Path data) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("backstop.db"))
                    .toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
