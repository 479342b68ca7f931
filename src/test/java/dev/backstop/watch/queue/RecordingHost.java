package dev.backstop.watch.queue;

import dev.backstop.store.Store;
import dev.backstop.store.TestStores;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alert;
import dev.backstop.watch.Alerts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's side of the queue watch for tests: a real timeline in a real SQLite store, the
 * alerts sent and resolved kept in order, and a worker count the test sets as the supervisor would
 * report it. Thread-safe.
 */
final class RecordingHost implements QueueHost, AutoCloseable {

    /** An alert as channels would hear it: sent, or resolved. */
    record Heard(String kind, Alert alert) {}

    private final Store store;
    private final Timeline timeline;
    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final AtomicReference<OptionalInt> workers = new AtomicReference<>(OptionalInt.empty());

    RecordingHost(Path dir) {
        this.store = TestStores.sqlite(dir.resolve("store"));
        this.timeline = new Timeline(store.jdbi());
    }

    void workers(int running) {
        workers.set(OptionalInt.of(running));
    }

    /** "sent queue-backlog mailers" and "resolved ..." lines, in order. */
    List<String> heard() {
        return heard.stream()
                .map(entry -> entry.kind() + " " + entry.alert().event() + " "
                        + entry.alert().subject())
                .toList();
    }

    List<Heard> heardAlerts() {
        return List.copyOf(heard);
    }

    List<String> eventKinds(String app) {
        return timeline.list(app, Optional.empty()).stream().map(Event::kind).toList();
    }

    List<Event> events(String app) {
        return timeline.list(app, Optional.empty());
    }

    @Override
    public Alerts alerts() {
        return new Alerts() {
            @Override
            public void send(Alert alert) {
                heard.add(new Heard("sent", alert));
            }

            @Override
            public void resolve(Alert cleared) {
                heard.add(new Heard("resolved", cleared));
            }
        };
    }

    @Override
    public Timeline timeline() {
        return timeline;
    }

    @Override
    public OptionalInt liveWorkers() {
        return workers.get();
    }

    @Override
    public Optional<String> liveVersion() {
        return Optional.of("v42");
    }

    @Override
    public String adminUrl() {
        return "http://127.0.0.1:8081";
    }

    @Override
    public void close() {
        store.close();
    }
}
