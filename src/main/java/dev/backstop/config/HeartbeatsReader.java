package dev.backstop.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code heartbeats:}: each check has a {@code name}, either {@code every} or {@code cron}
 * (with an optional {@code tz}, UTC by default) and a {@code grace} (1h by default, as on
 * healthchecks.io). Not thread-safe.
 */
final class HeartbeatsReader {

    static final List<String> KEYS = List.of("name", "every", "cron", "tz", "grace");

    private HeartbeatsReader() {}

    static List<Heartbeat> read(Section top) {
        UniqueNames names = new UniqueNames("heartbeat", top.problems());
        List<Heartbeat> heartbeats = new ArrayList<>();
        for (Section.Item item : top.items("heartbeats")) {
            Section check = item.section(KEYS);
            String name = check.required("name", ValueSyntax::name, "", "name: nightly-report");
            Optional<HeartbeatSchedule> schedule = schedule(check);
            Duration grace = check.duration("grace", Heartbeat.DEFAULT_GRACE);
            names.check(name, item);
            if (!name.isEmpty() && schedule.isPresent()) {
                heartbeats.add(new Heartbeat(name, schedule.get(), grace));
            }
        }
        return heartbeats;
    }

    private static Optional<HeartbeatSchedule> schedule(Section check) {
        if (check.has("every") && check.has("cron")) {
            check.problems()
                    .add(
                            check.lineOf("cron"),
                            check.pathOf("cron"),
                            "and every are both set; keep one: every for a period (every: 1h), cron for a crontab"
                                    + " line (cron: \"0 3 * * *\").");
            return Optional.empty();
        }
        if (check.has("every")) {
            if (check.has("tz")) {
                check.problems()
                        .add(
                                check.lineOf("tz"),
                                check.pathOf("tz"),
                                "is only used with cron; remove it (every counts from the last ping, in any zone).");
            }
            return Optional.of(new HeartbeatSchedule.Every(check.duration("every", Heartbeat.DEFAULT_PERIOD)));
        }
        if (check.has("cron")) {
            ZoneId zone = check.value("tz", HeartbeatsReader::zone, ZoneOffset.UTC);
            return check.value("cron", expression -> new HeartbeatSchedule.Cron(expression, zone));
        }
        check.problems()
                .add(
                        check.line(),
                        check.pathOf("every"),
                        "is required (or cron); add one, like every: 24h or cron: \"0 3 * * *\".");
        return Optional.empty();
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException unknown) {
            throw MalformedValueException.of(
                    text, "is not a time zone; write a tz database name like Europe/Berlin or UTC.");
        }
    }
}
