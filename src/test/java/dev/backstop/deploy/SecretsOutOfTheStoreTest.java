package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets written in {@code env:} or kept in an {@code env_file:} reach the app's processes, a
 * rollback restarts an old release with the values it ran with, and the store's bytes hold none of
 * them.
 */
class SecretsOutOfTheStoreTest {

    private static final String ALPHA = "alpha-secret-91f3";
    private static final String BETA = "beta-secret-22d7";
    private static final String FROM_FILE = "file-secret-7c1e";

    @TempDir
    Path dir;

    private ShopFixture shop;

    @AfterEach
    void stopEverything() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void secretsReachTheAppRollbacksRestoreTheOldValuesAndTheStoreHoldsNoneOfThem() throws IOException {
        shop = ShopFixture.in(dir);
        shop.importAll();
        Path secrets = Files.writeString(dir.resolve("secrets.env"), "# for the shop\nAPI_TOKEN=" + FROM_FILE + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path alpha = shop.configVariant("alpha", text -> withSecrets(text, ALPHA, secrets));
        Path beta = shop.configVariant("beta", text -> withSecrets(text, BETA, secrets));

        shop.startDaemon(alpha);
        expectOk(shop.backstop("deploy", "v1"));
        assertThat(webEnvironment("v1")).contains("DB_PASSWORD=" + ALPHA, "API_TOKEN=" + FROM_FILE);
        shop.stopDaemon();
        shop.startDaemon(beta);
        expectOk(shop.backstop("deploy", "v4"));
        assertThat(webEnvironment("v4")).contains("DB_PASSWORD=" + BETA);
        expectOk(shop.backstop("rollback", "--to", "v1"));

        assertThat(webEnvironment("v1")).contains("DB_PASSWORD=" + ALPHA, "API_TOKEN=" + FROM_FILE);
        String store = storeBytes();
        assertThat(store).contains("API_TOKEN", "DB_PASSWORD", "hmac-sha256:");
        assertThat(store).doesNotContain(ALPHA, BETA, FROM_FILE);
    }

    @Test
    void aDeployIsRefusedWhileTheEnvFileIsReadableByOthersAndTheLiveReleaseKeepsServing() throws IOException {
        shop = ShopFixture.in(dir);
        shop.importAll();
        Path secrets = Files.writeString(dir.resolve("secrets.env"), "API_TOKEN=" + FROM_FILE + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        shop.startDaemon(shop.configVariant("alpha", text -> withSecrets(text, ALPHA, secrets)));
        expectOk(shop.backstop("deploy", "v1"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));

        Outcome refused = shop.backstop("deploy", "v4");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err())
                .contains("env_file '" + secrets + "' is readable or writable by others (mode rw-r--r--); chmod 600 it")
                .doesNotContain(FROM_FILE);
        shop.assertServes("v1");
    }

    @Test
    void anEnvFileThatTurnsUnsafeAfterStagingBlocksTheDeployWithItsOwnLineAndExitTwo() throws IOException {
        shop = ShopFixture.in(dir);
        shop.importAll();
        Path secrets = Files.writeString(dir.resolve("secrets.env"), "API_TOKEN=" + FROM_FILE + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        shop.startDaemon(shop.configVariant("alpha", text -> withSecrets(text, ALPHA, secrets)));
        expectOk(shop.backstop("deploy", "v1"));
        shop.stopDaemon();
        // the file is safe when the deploy is staged, and a preflight check opens it to everyone
        shop.startDaemon(shop.configVariant(
                "loosening",
                text -> withSecrets(text, ALPHA, secrets)
                        .replace(
                                "preflight:\n",
                                "preflight:\n  - { name: loosen, command: \"chmod 644 " + secrets + "\" }\n")));

        Outcome blocked = shop.backstop("deploy", "v4");

        assertThat(blocked.exitCode()).as(blocked.all()).isEqualTo(2);
        assertThat(blocked.all())
                .contains("Failed: bad input: env_file '" + secrets
                        + "' is readable or writable by others (mode rw-r--r--); chmod 600 it (or 640 for a group);"
                        + " 'v1' still serves")
                .doesNotContain("internal error", FROM_FILE);
        shop.assertServes("v1");
    }

    @Test
    void aDaemonStartForgetsValuesNoKeptReleaseNeedsAndKeepsTheOnesARollbackNeeds() throws IOException {
        shop = ShopFixture.in(dir);
        shop.importAll();
        Path secrets = Files.writeString(dir.resolve("secrets.env"), "API_TOKEN=" + FROM_FILE + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        shop.startDaemon(shop.configVariant("alpha", text -> withSecrets(text, ALPHA, secrets)));
        expectOk(shop.backstop("deploy", "v1"));
        shop.stopDaemon();
        Path vault = shop.loadConfig().data().resolve("env");
        // what a deploy of a release pruned since then left behind
        String orphan = EnvVault.in(shop.loadConfig().data()).seal("pruned-secret-5a0b");
        Path orphanFile = vault.resolve(orphan.substring("hmac-sha256:".length()));
        assertThat(orphanFile).exists();

        shop.startDaemon(shop.configVariant("beta", text -> withSecrets(text, BETA, secrets)));

        assertThat(orphanFile).doesNotExist();
        assertThat(vault.resolve("key")).exists();
        expectOk(shop.backstop("deploy", "v4"));
        expectOk(shop.backstop("rollback", "--to", "v1"));
        assertThat(webEnvironment("v1")).contains("DB_PASSWORD=" + ALPHA);
    }

    private static String withSecrets(String config, String password, Path envFile) {
        return config.replace(
                "env: { APP_ENV: production }",
                "env: { APP_ENV: production, DB_PASSWORD: " + password + " }\nenv_file: [" + envFile + "]");
    }

    /** Every byte of the SQLite files, the write-ahead log included, as Latin-1 so nothing is lost. */
    private String storeBytes() throws IOException {
        Path data = shop.loadConfig().data();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("backstop.db"))
                    .toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all).as("store files in " + data).isNotEmpty();
        return all.toString();
    }

    /** The environment of the running web process of {@code version}, read from /proc. */
    private List<String> webEnvironment(String version) {
        String releaseId;
        try (Store store = shop.openStore()) {
            releaseId = new ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi()))
                    .require("shop", version)
                    .id();
        }
        await().atMost(ShopFixture.PATIENCE).until(() -> web(releaseId).isPresentAndAlive());
        try {
            byte[] environ = Files.readAllBytes(
                    Path.of("/proc", Long.toString(web(releaseId).pid()), "environ"));
            return Arrays.asList(new String(environ, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WebProcess web(String releaseId) {
        return new FileProcessLedger(shop.loadConfig().data())
                .all().stream()
                        .filter(record -> record.releaseId().equals(releaseId)
                                && record.service().equals("web"))
                        .findFirst()
                        .map(record -> new WebProcess(record.pid()))
                        .orElse(new WebProcess(0));
    }

    private record WebProcess(long pid) {
        boolean isPresentAndAlive() {
            return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static void expectOk(Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
    }
}
