package dev.backstop.watch.heartbeat;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.DurationSyntax;
import dev.backstop.config.Heartbeat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The app's heartbeat checks: those of {@code heartbeats:} and those created by a ping with
 * {@code ?create=1}, their states and ping URLs. What the CLI, the API and the watch share; it
 * reads the store, so it works with the daemon down too. Thread-safe.
 */
public final class Heartbeats {

    private final Map<String, Heartbeat> configured;
    private final HeartbeatStore store;
    private final PingKey key;
    private final String baseUrl;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private Heartbeats(Map<String, Heartbeat> configured, HeartbeatStore store, PingKey key, String baseUrl) {
        this.configured = configured;
        this.store = store;
        this.key = key;
        this.baseUrl = baseUrl;
    }

    /** The checks of {@code config}, each with a row in the store from now on; the ping key is created if needed. */
    public static Heartbeats open(BackstopConfig config, Jdbi jdbi, Instant now) {
        Map<String, Heartbeat> configured = new LinkedHashMap<>();
        config.heartbeats().forEach(check -> configured.put(check.name(), check));
        HeartbeatStore store = new HeartbeatStore(jdbi, config.app());
        store.ensureConfigured(configured.keySet(), now);
        Heartbeats heartbeats =
                new Heartbeats(configured, store, PingKey.loadOrCreate(config.data()), "http://" + config.admin());
        store.list().stream()
                .filter(record -> heartbeats.definition(record).isPresent())
                .forEach(record -> heartbeats.known.add(record.name()));
        return heartbeats;
    }

    public HeartbeatStore store() {
        return store;
    }

    public PingKey key() {
        return key;
    }

    /** Whether pings to {@code name} are taken. */
    public boolean knows(String name) {
        return known.contains(name);
    }

    /** Creates the check {@code name} (healthchecks.io's defaults: every 1d, grace 1h); false when it exists. */
    public boolean create(String name, Instant now) {
        if (known.contains(name)) {
            return false;
        }
        store.create(name, now);
        return known.add(name);
    }

    /** The schedule of a stored check: its {@code heartbeats:} entry, the defaults when a ping created it, none when it was removed from the file. */
    public Optional<Heartbeat> definition(CheckRecord record) {
        Heartbeat declared = configured.get(record.name());
        if (declared != null) {
            return Optional.of(declared);
        }
        return record.origin().equals(CheckRecord.PING)
                ? Optional.of(Heartbeat.created(record.name()))
                : Optional.empty();
    }

    /** Every check at {@code now}: those of backstop.yml in its order, then those created by pings. */
    public List<CheckView> list(Instant now) {
        List<CheckView> views = new ArrayList<>();
        List<CheckRecord> records = store.list();
        for (String name : configured.keySet()) {
            records.stream()
                    .filter(record -> record.name().equals(name))
                    .findFirst()
                    .ifPresent(record -> views.add(view(record, now)));
        }
        records.stream()
                .filter(record -> !configured.containsKey(record.name())
                        && definition(record).isPresent())
                .forEach(record -> views.add(view(record, now)));
        return views;
    }

    /** Stops watching {@code name} until its next ping. */
    public void pause(String name, Instant now) {
        if (!knows(name) || !store.pause(name, now)) {
            throw new NoSuchHeartbeatException(name, known);
        }
    }

    /** Watches {@code name} again, as a new check waiting for its first ping. */
    public void resume(String name) {
        if (!knows(name) || !store.resume(name)) {
            throw new NoSuchHeartbeatException(name, known);
        }
    }

    /** {@code http://127.0.0.1:8081/ping/<key>/<name>}: on the admin listener, so reachable where it is. */
    public String pingUrl(String name) {
        return baseUrl + "/ping/" + key.value() + "/" + name;
    }

    /** Where alerts point: the checks in the admin API. */
    String link() {
        return baseUrl + "/api/heartbeats";
    }

    private CheckView view(CheckRecord record, Instant now) {
        Heartbeat check = definition(record).orElseThrow();
        CheckStatus status = CheckStatus.of(check, record, now);
        return new CheckView(
                record.name(),
                check.schedule().describe(),
                DurationSyntax.format(check.grace()),
                status.state().label(),
                record.lastPingAt(),
                record.lastPingKind().map(PingKind::label),
                status.nextDue(),
                pingUrl(record.name()),
                !configured.containsKey(record.name()));
    }
}
