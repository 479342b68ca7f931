package dev.backstop.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the reverse proxy; over a limit the client gets the proper 4xx/5xx.
 *
 * @param maxConnectionsPerIp open client connections from one address; more are answered 503
 * @param headerTimeout how long a client may take to send a request head once its first byte came (then 408)
 */
public record ProxySettings(
        Duration upstreamTimeout,
        Duration drainTimeout,
        int maxHeaderBytes,
        long maxBodyBytes,
        int maxConnections,
        int maxConnectionsPerIp,
        Duration headerTimeout) {

    /** nginx's client_header_timeout is 60 s; a real client sends its head in well under a second. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Far above what browsers open (6 per host) and what a NAT of an office needs, far below the whole limit. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1000;

    public ProxySettings {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
    }

    /** The limits with the defaults for the per-address cap and the header timeout. */
    public ProxySettings(
            Duration upstreamTimeout,
            Duration drainTimeout,
            int maxHeaderBytes,
            long maxBodyBytes,
            int maxConnections) {
        this(
                upstreamTimeout,
                drainTimeout,
                maxHeaderBytes,
                maxBodyBytes,
                maxConnections,
                DEFAULT_MAX_CONNECTIONS_PER_IP,
                DEFAULT_HEADER_TIMEOUT);
    }

    /** These limits with another header timeout. */
    public ProxySettings withHeaderTimeout(Duration timeout) {
        return new ProxySettings(
                upstreamTimeout,
                drainTimeout,
                maxHeaderBytes,
                maxBodyBytes,
                maxConnections,
                maxConnectionsPerIp,
                timeout);
    }

    /** These limits with another per-address connection cap. */
    public ProxySettings withMaxConnectionsPerIp(int cap) {
        return new ProxySettings(
                upstreamTimeout, drainTimeout, maxHeaderBytes, maxBodyBytes, maxConnections, cap, headerTimeout);
    }
}
