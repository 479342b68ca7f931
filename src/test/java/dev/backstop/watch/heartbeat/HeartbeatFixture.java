package dev.backstop.watch.heartbeat;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.config.StoreLocation;
import dev.backstop.server.AdminServer;
import dev.backstop.server.AdminToken;
import dev.backstop.server.DaemonIdentity;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A heartbeat watch on a real store, its ping routes on a real admin server on port 0, and a clock
 * the test moves. The watch's own pass runs only every hour, so states change when the test calls
 * {@link HeartbeatWatch#evaluate()} (or a failure ping asks for a pass).
 */
final class HeartbeatFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BackstopConfig config;
    final TestClock clock = new TestClock(START);
    final Store store;
    final Timeline timeline;
    final RecordingAlerts alerts;
    final HeartbeatWatch watch;
    final AdminServer server;
    final int port;

    private HeartbeatFixture(Path dir, String heartbeats, Optional<StoreLocation> location, Alerts channels) {
        config = load(dir, heartbeats, location);
        store = Store.open(config.store());
        timeline = new Timeline(store.jdbi());
        alerts = new RecordingAlerts(channels);
        watch = new HeartbeatWatch(
                config,
                () -> new HeartbeatWatch.Running(store.jdbi(), timeline, alerts, () -> Optional.of("1.4.2")),
                clock,
                Duration.ofHours(1));
        server = new AdminServer(
                config.admin(),
                AdminToken.loadOrCreate(config.data()),
                DaemonIdentity.current(config.app()),
                List.of(new HeartbeatRoutes(watch)));
        port = server.start().getPort();
        watch.start();
    }

    /** {@code heartbeats} is the YAML list under {@code heartbeats:}, indented by two. */
    static HeartbeatFixture start(Path dir, String heartbeats) {
        return new HeartbeatFixture(dir, heartbeats, Optional.empty(), Alerts.NONE);
    }

    static HeartbeatFixture start(Path dir, String heartbeats, StoreLocation location, Alerts channels) {
        return new HeartbeatFixture(dir, heartbeats, Optional.of(location), channels);
    }

    String key() {
        return PingKey.loadOrCreate(config.data()).value();
    }

    /** {@code path} follows the key: {@code /nightly-report/start?rid=...}. */
    HttpResponse<String> ping(String method, String path, String body) {
        return send(method, "/ping/" + key() + path, body);
    }

    HttpResponse<String> ping(String path) {
        return ping("GET", path, "");
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Heartbeats heartbeats() {
        return watch.heartbeats().orElseThrow();
    }

    String state(String check) {
        return view(check).state();
    }

    CheckView view(String check) {
        return heartbeats().list(clock.instant()).stream()
                .filter(view -> view.name().equals(check))
                .findFirst()
                .orElseThrow();
    }

    List<String> heartbeatEvents() {
        return timeline.list(config.app(), Optional.empty()).stream()
                .map(Event::kind)
                .filter(kind -> kind.startsWith("heartbeat."))
                .toList();
    }

    @Override
    public void close() {
        watch.close();
        server.stop();
        store.close();
    }

    /** A SQLite store is named by its data directory, a PostgreSQL one by its URL. */
    private static String storeKeys(StoreLocation location) {
        if (location.isSqlite()) {
            Path file = Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length()));
            return "data: " + file.getParent() + "\n";
        }
        return "store: \"" + location.jdbcUrl() + "\"\n";
    }

    private static BackstopConfig load(Path dir, String heartbeats, Optional<StoreLocation> location) {
        String yaml = "app: shop\nroot: .\nadmin: 127.0.0.1:0\n"
                + location.map(HeartbeatFixture::storeKeys).orElse("")
                + "services:\n  web:\n    command: \"bin/web --port $PORT\"\n"
                + "heartbeats:\n" + heartbeats;
        try {
            Path file = dir.resolve("backstop.yml");
            Files.writeString(file, yaml);
            return new ConfigLoader().load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
