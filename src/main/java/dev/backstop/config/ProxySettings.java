package dev.backstop.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the reverse proxy; over a limit the client gets the proper 4xx/5xx.
 *
 * @param headerTimeout how long a client may take to send a request head once its first byte came (then 408)
 */
public record ProxySettings(
        Duration upstreamTimeout,
        Duration drainTimeout,
        int maxHeaderBytes,
        long maxBodyBytes,
        int maxConnections,
        Duration headerTimeout) {

    /** nginx's client_header_timeout is 60 s; a real client sends its head in well under a second. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

    public ProxySettings {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
    }

    /** The limits with the default header timeout. */
    public ProxySettings(
            Duration upstreamTimeout,
            Duration drainTimeout,
            int maxHeaderBytes,
            long maxBodyBytes,
            int maxConnections) {
        this(upstreamTimeout, drainTimeout, maxHeaderBytes, maxBodyBytes, maxConnections, DEFAULT_HEADER_TIMEOUT);
    }

    /** These limits with another header timeout. */
    public ProxySettings withHeaderTimeout(Duration timeout) {
        return new ProxySettings(upstreamTimeout, drainTimeout, maxHeaderBytes, maxBodyBytes, maxConnections, timeout);
    }
}
