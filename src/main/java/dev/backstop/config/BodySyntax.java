package dev.backstop.config;

import java.util.Locale;

/**
 * How {@code proxy.request_buffer} and {@code proxy.min_body_rate} are written: a size, and a size
 * per second ({@code 1KB/s}; a bare size means per second too). Zero turns either off. Stateless
 * and thread-safe.
 */
final class BodySyntax {

    /** The buffer is held in memory for each connection sending a body, so it stays small. */
    static final long MAX_REQUEST_BUFFER = 16L << 20;

    private BodySyntax() {}

    static long requestBuffer(String text) {
        long bytes = SizeSyntax.parse(text);
        if (bytes > MAX_REQUEST_BUFFER) {
            throw MalformedValueException.of(
                    text,
                    "is more than " + SizeSyntax.format(MAX_REQUEST_BUFFER)
                            + ", which the proxy would hold in memory for each upload; use 64KiB to 1MiB,"
                            + " or 0 to stream bodies unbuffered.");
        }
        return bytes;
    }

    static long bytesPerSecond(String text) {
        String size = text.strip();
        if (size.toLowerCase(Locale.ROOT).endsWith("/s")) {
            size = size.substring(0, size.length() - 2);
        }
        try {
            return SizeSyntax.parse(size);
        } catch (MalformedValueException notASize) {
            throw MalformedValueException.of(text, "is not a rate like 1KB/s, 500B/s, or 0 to turn the check off.");
        }
    }
}
