package dev.backstop.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parsers for the small value forms of {@code backstop.yml} (names, numbers in a range, addresses,
 * URLs). Each throws {@link MalformedValueException} with the value in quotes. Stateless, thread-safe.
 */
final class ValueSyntax {

    private static final Pattern APP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ValueSyntax() {}

    static String appName(String text) {
        return matching(
                text, APP_NAME, "is not an app name; use up to 63 lowercase letters, digits, - and _, like shop.");
    }

    /** Names of services, checks, heartbeats and queues: they end up in URLs, file names and logs. */
    static String name(String text) {
        return matching(text, NAME, "is not a name; use up to 63 letters, digits, ., - and _, like eager-load.");
    }

    static String envName(String text) {
        return matching(text, ENV_NAME, "is not an environment variable name like RAILS_ENV.");
    }

    /**
     * A user name as useradd accepts it. Whether the account exists is checked where it is used
     * (by the daemon, see dev.backstop.run.UserSwitch): CI runs preflight with the same file on
     * hosts that lack the production user.
     */
    static String userName(String text) {
        return matching(text, USER_NAME, "is not a user name like shop (lowercase letters, digits, _ and -).");
    }

    static String nonBlank(String text) {
        if (text.isBlank()) {
            throw MalformedValueException.of(text, "is empty; write a value.");
        }
        return text;
    }

    static Function<String, Integer> intIn(int min, int max) {
        return text -> (int) longIn(min, max).apply(text).longValue();
    }

    static Function<String, Long> longIn(long min, long max) {
        return text -> {
            try {
                long value = Long.parseLong(text.strip());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException notWhole) {
                // reported below with the range, which tells more than the parser's reason
            }
            throw MalformedValueException.of(text, "is not a whole number " + range(min, max) + ".");
        };
    }

    static Function<String, Double> decimalIn(double min, double max) {
        return text -> {
            try {
                double value = Double.parseDouble(text.strip());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException notNumber) {
                // reported below with the range
            }
            throw MalformedValueException.of(
                    text,
                    "is not a number "
                            + (max == Double.MAX_VALUE
                                    ? "of at least " + plain(min)
                                    : "from " + plain(min) + " to " + plain(max))
                            + ".");
        };
    }

    static int port(String text) {
        return intIn(1, 65535).apply(text);
    }

    static boolean flag(String text) {
        return choice(
                        Map.of("true", true, "yes", true, "on", true, "false", false, "no", false, "off", false),
                        "true or false")
                .apply(text);
    }

    /** One of {@code choices}, ignoring case; {@code expected} names them for the message. */
    static <T> Function<String, T> choice(Map<String, T> choices, String expected) {
        return text -> {
            T value = choices.get(text.strip().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw MalformedValueException.of(text, "is not " + expected + ".");
            }
            return value;
        };
    }

    /** {@code host:port}; port 0 lets the system pick a free one, which tests use. */
    static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon).replace("[", "").replace("]", "") : "";
        if (host.isBlank() || host.contains(" ")) {
            throw MalformedValueException.of(text, "is not an address like 127.0.0.1:8080.");
        }
        int port = intIn(0, 65535).apply(text.substring(colon + 1));
        return new Endpoint(host, port);
    }

    static String httpUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return text.strip();
            }
        } catch (URISyntaxException notUri) {
            // reported below with the expected form
        }
        throw MalformedValueException.of(
                text, "is not an http:// or https:// URL like https://hooks.example.org/backstop.");
    }

    private static String matching(String text, Pattern pattern, String expectation) {
        if (!pattern.matcher(text).matches()) {
            throw MalformedValueException.of(text, expectation);
        }
        return text;
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "of at least " + min;
        }
        return "from " + min + " to " + max;
    }
}
