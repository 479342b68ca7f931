package dev.backstop.release;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The directory name of a release: UTC time of import plus four random hex digits,
 * {@code 20261125-095212-a3f9}, so names sort by import time to the second. Immutable, thread-safe.
 */
public record ReleaseId(String value) {

    private static final Pattern SHAPE = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public ReleaseId {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("release id '" + value + "' is not of the form 20261125-095212-a3f9");
        }
    }

    /** A fresh id for now. */
    public static ReleaseId next(Clock clock) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return new ReleaseId(
                STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix));
    }

    public static ReleaseId next() {
        return next(Clock.systemUTC());
    }

    @Override
    public String toString() {
        return value;
    }
}
