package dev.backstop.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Backstop writes durations, in {@code backstop.yml} and on the command line:
 * a number and a unit ({@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}, {@code 1d}), or several
 * from the largest unit down ({@code 1m30s}, {@code 1h15m}). A bare {@code 0} is zero; any other
 * bare number is refused, because {@code timeout: 30} could mean seconds or milliseconds.
 * Stateless and thread-safe.
 */
public final class DurationSyntax {

    private static final String EXPECTED = "is not a duration like 1s, 500ms, 2m.";
    /** Longest first, so that "ms" is not read as "m" followed by junk. */
    private static final List<Unit> UNITS = List.of(
            new Unit("ms", ChronoUnit.MILLIS),
            new Unit("d", ChronoUnit.DAYS),
            new Unit("h", ChronoUnit.HOURS),
            new Unit("m", ChronoUnit.MINUTES),
            new Unit("s", ChronoUnit.SECONDS));

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");

    private DurationSyntax() {}

    /** Reads {@code text}; throws {@link MalformedValueException} naming the value when it is not a duration. */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            throw MalformedValueException.of(
                    text, "has no unit; write " + trimmed + "s, " + trimmed + "m or " + trimmed + "ms.");
        }
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        ChronoUnit previous = null;
        while (position < trimmed.length() && part.find(position) && part.start() == position) {
            ChronoUnit unit = unitOf(part.group(2));
            if (previous != null && unit.compareTo(previous) >= 0) {
                throw MalformedValueException.of(text, EXPECTED);
            }
            total = total.plus(Long.parseLong(part.group(1)), unit);
            previous = unit;
            position = part.end();
        }
        if (trimmed.isEmpty() || position != trimmed.length()) {
            throw MalformedValueException.of(text, EXPECTED);
        }
        return total;
    }

    /** Writes {@code duration} so that {@link #parse} reads it back: {@code 90s} becomes {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        Duration rest = duration.truncatedTo(ChronoUnit.MILLIS);
        for (ChronoUnit unit :
                List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS)) {
            long count = rest.dividedBy(unit.getDuration());
            if (count > 0) {
                text.append(count).append(symbolOf(unit));
                rest = rest.minus(unit.getDuration().multipliedBy(count));
            }
        }
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static ChronoUnit unitOf(String symbol) {
        return UNITS.stream()
                .filter(unit -> unit.symbol().equals(symbol))
                .findFirst()
                .orElseThrow()
                .unit();
    }

    private static String symbolOf(ChronoUnit chronoUnit) {
        return UNITS.stream()
                .filter(unit -> unit.unit() == chronoUnit)
                .findFirst()
                .orElseThrow()
                .symbol();
    }

    private record Unit(String symbol, ChronoUnit unit) {}
}
