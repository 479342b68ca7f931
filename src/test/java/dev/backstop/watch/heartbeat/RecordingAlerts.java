package dev.backstop.watch.heartbeat;

import dev.backstop.watch.Alert;
import dev.backstop.watch.Alerts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Alerts handed over by the watch, in order, as "send KEY" and "resolve KEY" lines, passed on to
 * {@code channels} (a real webhook) too: resolve has no channel that delivers it yet.
 */
final class RecordingAlerts implements Alerts {

    private final Alerts channels;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Alert> sent = new CopyOnWriteArrayList<>();

    RecordingAlerts(Alerts channels) {
        this.channels = channels;
    }

    @Override
    public void send(Alert alert) {
        calls.add("send " + alert.key());
        sent.add(alert);
        channels.send(alert);
    }

    @Override
    public void resolve(Alert cleared) {
        calls.add("resolve " + cleared.key());
        channels.resolve(cleared);
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    List<Alert> sent() {
        return List.copyOf(sent);
    }
}
