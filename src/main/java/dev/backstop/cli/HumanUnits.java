package dev.backstop.cli;

import java.time.Duration;
import java.util.Locale;

/** Sizes and ages the way people read them: {@code 212.4 MiB}, {@code 3h}, {@code 2d}. */
final class HumanUnits {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private HumanUnits() {}

    static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        } else if (seconds < 3600) {
            return seconds / 60 + "m";
        } else if (seconds < 86_400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }

    static String elapsed(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }
}
