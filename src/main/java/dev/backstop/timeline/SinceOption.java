package dev.backstop.timeline;

import dev.backstop.config.DurationSyntax;
import dev.backstop.config.MalformedValueException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code backstop timeline --since}: a duration back from now ({@code 2h}, {@code 30m},
 * {@code 1d}, {@code 1h30m}), a local date ({@code 2026-11-25}, from its midnight), a local date
 * and time ({@code 2026-11-25T10:00}) or an instant with its offset ({@code 2026-11-25T10:00:00Z},
 * {@code 2026-11-25T10:00:00+01:00}). Local forms are read in the clock's zone. Stateless,
 * thread-safe.
 */
public final class SinceOption {

    private SinceOption() {}

    /**
     * The instant {@code text} names, empty when it is null or blank (no {@code --since}: all events);
     * {@link InvalidSinceException} naming the value and the accepted forms when it is none of them or
     * lies in the future.
     */
    public static Optional<Instant> since(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        Instant since = firstReading(value, clock).orElseThrow(() -> InvalidSinceException.malformed(text));
        if (since.isAfter(clock.instant())) {
            throw InvalidSinceException.inFuture(text, new WallClock(clock.getZone()).dateTime(clock.instant()));
        }
        return Optional.of(since);
    }

    private static Optional<Instant> firstReading(String value, Clock clock) {
        List<Function<String, Instant>> readings = List.of(
                duration -> clock.instant().minus(DurationSyntax.parse(duration)),
                instant -> OffsetDateTime.parse(instant).toInstant(),
                dateTime ->
                        LocalDateTime.parse(dateTime).atZone(clock.getZone()).toInstant(),
                date -> LocalDate.parse(date).atStartOfDay(clock.getZone()).toInstant());
        for (Function<String, Instant> reading : readings) {
            try {
                return Optional.of(reading.apply(value));
            } catch (MalformedValueException | DateTimeParseException e) {
                // not this form; the next may fit, and none fitting is reported with all forms
            } catch (DateTimeException | ArithmeticException e) {
                // the right form, but so far back that no instant holds it
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
