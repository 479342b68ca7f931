package dev.backstop.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Backstop writes sizes: a whole number of bytes, or a number and a unit, decimal
 * ({@code KB}, {@code MB}, {@code GB}, {@code TB}: powers of 1000) or binary ({@code KiB},
 * {@code MiB}, {@code GiB}, {@code TiB}: powers of 1024). Units ignore case; no space before the
 * unit, like durations. Stateless and thread-safe.
 */
public final class SizeSyntax {

    private static final String EXPECTED = "is not a size like 500KB, 10MiB, 1GiB or a number of bytes.";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})([a-z]*)");
    private static final List<Unit> UNITS = List.of(
            new Unit("TiB", 1L << 40),
            new Unit("GiB", 1L << 30),
            new Unit("MiB", 1L << 20),
            new Unit("KiB", 1L << 10),
            new Unit("TB", 1_000_000_000_000L),
            new Unit("GB", 1_000_000_000L),
            new Unit("MB", 1_000_000L),
            new Unit("KB", 1_000L),
            new Unit("B", 1L));

    private SizeSyntax() {}

    /** Reads {@code text} as a number of bytes; throws {@link MalformedValueException} naming the value otherwise. */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw MalformedValueException.of(text, EXPECTED);
        }
        long count = Long.parseLong(matcher.group(1));
        long multiplier = matcher.group(2).isEmpty() ? 1 : multiplierOf(matcher.group(2), text);
        try {
            return Math.multiplyExact(count, multiplier);
        } catch (ArithmeticException tooLarge) {
            throw MalformedValueException.of(text, "is too large; sizes stop below 8EiB.");
        }
    }

    /** Writes {@code bytes} in the largest unit that divides it exactly: {@code 10485760} becomes {@code 10MiB}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        for (Unit unit : UNITS) {
            if (bytes != 0 && bytes % unit.bytes() == 0) {
                return (bytes / unit.bytes()) + (unit.bytes() == 1 ? "" : unit.symbol());
            }
        }
        return Long.toString(bytes);
    }

    private static long multiplierOf(String symbol, String text) {
        return UNITS.stream()
                .filter(unit -> unit.symbol().toLowerCase(Locale.ROOT).equals(symbol))
                .findFirst()
                .orElseThrow(() -> MalformedValueException.of(text, EXPECTED))
                .bytes();
    }

    private record Unit(String symbol, long bytes) {}
}
