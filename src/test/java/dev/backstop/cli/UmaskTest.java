package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files that hold secrets are private even when Backstop runs under umask 000. */
class UmaskTest {

    @TempDir
    Path dir;

    @Test
    void initAndTheStoreArePrivateUnderAnOpenUmask() throws Exception {
        Path app = dir.resolve("shop");
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("VERSION"), "1\n");

        backstopUnderUmask000("init", app.toString(), "--app", "shop");
        Path config = app.resolve("backstop.yml");
        backstopUnderUmask000("release", "import", bundle.toString(), "--version", "1", "--config", config.toString());

        Path data = app.resolve(".backstop-data");
        assertThat(mode(config)).isEqualTo("rw-------");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("backstop.db"))).isEqualTo("rw-------");
    }

    @Test
    void everythingTheDaemonWritesUnderTheDataFolderIsPrivateUnderAnOpenUmask() throws Exception {
        Path app = dir.resolve("shop");
        backstopUnderUmask000("init", app.toString(), "--app", "shop");
        Path config = app.resolve("backstop.yml");
        Cli.replaceLine(config, "listen:", "listen: 127.0.0.1:" + freePort() + " #");
        int admin = freePort();
        Cli.replaceLine(config, "admin:", "admin: 127.0.0.1:" + admin + " #");
        Cli.replaceLine(config, "  window: 60s", "  window: 2s");
        Cli.replaceLine(config, "  interval: 5s", "  interval: 1s");
        Process server = startUnderUmask000("server", "--config", config.toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> listening(admin));
            backstopUnderUmask000("deploy", webBundle().toString(), "--version", "1", "--config", config.toString());

            Path data = app.resolve(".backstop-data");
            try (Stream<Path> written = Files.walk(data)) {
                assertThat(written.filter(path -> !Files.isSymbolicLink(path)).map(this::describe))
                        .contains(
                                "processes.json rw-------",
                                "proxy rwx------",
                                "proxy/routes.json rw-------",
                                "backstop.db rw-------")
                        .allMatch(line -> line.endsWith(" rw-------") || line.endsWith(" rwx------"));
            }
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            // the proxy and the app outlive the daemon by design: stop them, or every run leaves two behind
            ExampleShop.retireProxies(app.resolve(".backstop-data/proxy"));
            ExampleShop.processesIn(app).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private String describe(Path path) {
        try {
            return dir.resolve("shop/.backstop-data").relativize(path) + " " + mode(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path webBundle() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("web-bundle"));
        Files.writeString(bundle.resolve("up"), "ok\n");
        Path web = Files.createDirectories(bundle.resolve("bin")).resolve("web");
        Files.writeString(web, "#!/bin/sh\nexec python3 -m http.server \"$2\" --bind 127.0.0.1\n");
        Files.setPosixFilePermissions(web, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bundle;
    }

    private Process startUnderUmask000(String... args) throws IOException {
        return new ProcessBuilder(underUmask000(args))
                .redirectErrorStream(true)
                .redirectOutput(serverLog().toFile())
                .start();
    }

    private Path serverLog() {
        return dir.resolve("server.log");
    }

    private static List<String> underUmask000(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh", "-c", "umask 000; exec \"$@\"", "sh", java, "-cp", classPath, "dev.backstop.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static boolean listening(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    private void backstopUnderUmask000(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("backstop.log");
        Process backstop = new ProcessBuilder(underUmask000(args))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(backstop.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(backstop.exitValue())
                .as(Files.readString(log) + (Files.exists(serverLog()) ? Files.readString(serverLog()) : ""))
                .isZero();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
