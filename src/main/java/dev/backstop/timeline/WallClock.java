package dev.backstop.timeline;

import dev.backstop.config.DurationSyntax;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the timeline shows instants and durations to the people reading it: the wall-clock time of
 * {@code zone}, to the second, and durations in Backstop's duration syntax ({@code 2m30s}).
 * Immutable, thread-safe.
 */
record WallClock(ZoneId zone) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd EEE", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    String dateTime(Instant instant) {
        return DATE_TIME.format(instant.atZone(zone));
    }

    /** The date with its weekday, for a heading: {@code 2026-11-25 Wed}. */
    String day(Instant instant) {
        return DAY.format(instant.atZone(zone));
    }

    /** The time alone when {@code previous} fell on the same local day, else date and time. */
    String timeAfter(Instant previous, Instant instant) {
        return sameDay(previous, instant) ? time(instant) : dateTime(instant);
    }

    boolean sameDay(Instant first, Instant second) {
        return DATE.format(first.atZone(zone)).equals(DATE.format(second.atZone(zone)));
    }

    /** The zone as readers know it: {@code Europe/Berlin}, and {@code UTC} rather than {@code Z}. */
    String zoneName() {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** A duration to the second ({@code 1h5m}, {@code 0s}); the timeline keeps no sub-second truths worth reading. */
    static String duration(Duration duration) {
        return DurationSyntax.format(duration.truncatedTo(ChronoUnit.SECONDS));
    }
}
