package dev.backstop.maintenance;

import static org.awaitility.Awaitility.await;

import dev.backstop.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx, run in the foreground as a child of the test JVM with every path it writes (pid,
 * logs, temp files) inside one directory. When nginx is not installed the calling test is skipped,
 * or fails when {@code CI=true}, so a CI run cannot pass without it. Public for the restart-mode
 * end-to-end test and bench. Not thread-safe.
 */
public final class RealNginx implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/sbin/nginx"),
            Path.of("/usr/local/sbin/nginx"),
            Path.of("/usr/local/nginx/sbin/nginx"),
            Path.of("/usr/bin/nginx"));

    private final Process process;
    private final Path directory;
    private final int port;

    private RealNginx(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts nginx on a free 127.0.0.1 port with {@code serverBlock} (directives inside one
     * {@code server { }}, after its {@code listen}) and waits until it accepts connections.
     */
    public static RealNginx start(Path directory, String serverBlock) throws IOException {
        Path binary = binary();
        int port = freePort();
        Path conf = directory.resolve("nginx.conf");
        Files.writeString(conf, config(directory, port, serverBlock));
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "-p",
                        directory.toString(),
                        "-c",
                        conf.toString(),
                        "-e",
                        directory.resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile())
                .start();
        RealNginx nginx = new RealNginx(process, directory, port);
        try {
            await().atMost(Duration.ofSeconds(20)).until(nginx::acceptsConnections);
        } catch (RuntimeException e) {
            nginx.close();
            throw new IllegalStateException("nginx did not start: " + nginx.output(), e);
        }
        return nginx;
    }

    public int port() {
        return port;
    }

    /** Fast shutdown (SIGTERM to the master stops its workers); SIGKILL to all of them if that hangs. */
    @Override
    public void close() {
        List<ProcessHandle> family = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                family.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            family.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private boolean acceptsConnections() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx exited with " + process.exitValue());
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private String output() {
        try {
            String out = Files.readString(directory.resolve("nginx.out"));
            Path errors = directory.resolve("error.log");
            return out + (Files.exists(errors) ? Files.readString(errors) : "");
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static String config(Path directory, int port, String serverBlock) {
        // As root the workers would run as nobody, who cannot enter the 0700 @TempDir.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                %3$s
                    }
                }
                """.formatted(directory, port, serverBlock);
    }

    private static Path binary() {
        Optional<Path> found = Stream.concat(pathEntries(), CANDIDATES.stream())
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String problem = "nginx is not installed (looked on PATH and in " + CANDIDATES + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(problem + "; CI=true requires it: apt-get install -y nginx-light.");
            }
            Assumptions.abort(problem + "; skipping the nginx tests (apt-get install -y nginx-light to run them,"
                    + " set CI=true to make this fail).");
        }
        return found.get();
    }

    private static Stream<Path> pathEntries() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(":")).filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry, "nginx"));
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }
}
