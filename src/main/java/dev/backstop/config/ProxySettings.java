package dev.backstop.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the reverse proxy; over a limit the client gets the proper 4xx/5xx.
 *
 * @param maxConnectionsPerIp open client connections from one address; more are answered 503
 * @param headerTimeout how long a client may take to send a request head once its first byte came (then 408)
 * @param requestBufferBytes how much of a request body the proxy holds before it takes an upstream
 *     connection (0: none, the body streams from its first byte)
 * @param minBodyBytesPerSecond the slowest a request body may arrive, judged over each {@code bodyTimeout}
 *     (0: not judged)
 * @param bodyTimeout the window over which a request body's rate is judged; a body that sends
 *     nothing for this long is answered 408
 */
public record ProxySettings(
        Duration upstreamTimeout,
        Duration drainTimeout,
        int maxHeaderBytes,
        long maxBodyBytes,
        int maxConnections,
        int maxConnectionsPerIp,
        Duration headerTimeout,
        long requestBufferBytes,
        long minBodyBytesPerSecond,
        Duration bodyTimeout) {

    /** nginx's client_header_timeout is 60 s; a real client sends its head in well under a second. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Far above what browsers open (6 per host) and what a NAT of an office needs, far below the whole limit. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1000;
    /** Holds nearly every form post and JSON body whole; 10,000 connections could hold 640 MiB at most. */
    public static final long DEFAULT_REQUEST_BUFFER_BYTES = 64 << 10;
    /** Apache's mod_reqtimeout asks 500 bytes/s; a phone on a bad 2G link still sends several KB/s. */
    public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 1000;
    /** Long enough to ride out TCP retransmissions, short enough that a stalled upload frees its slot soon. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    public ProxySettings {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        if (requestBufferBytes < 0 || minBodyBytesPerSecond < 0 || bodyTimeout.isZero() || bodyTimeout.isNegative()) {
            throw new IllegalArgumentException("negative request buffer or body rate, or a body timeout of no time");
        }
    }

    /** The limits with the defaults for the per-address cap, the header timeout and the body rules. */
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

    /** The limits with the defaults for the body rules. */
    public ProxySettings(
            Duration upstreamTimeout,
            Duration drainTimeout,
            int maxHeaderBytes,
            long maxBodyBytes,
            int maxConnections,
            int maxConnectionsPerIp,
            Duration headerTimeout) {
        this(
                upstreamTimeout,
                drainTimeout,
                maxHeaderBytes,
                maxBodyBytes,
                maxConnections,
                maxConnectionsPerIp,
                headerTimeout,
                DEFAULT_REQUEST_BUFFER_BYTES,
                DEFAULT_MIN_BODY_BYTES_PER_SECOND,
                DEFAULT_BODY_TIMEOUT);
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
                timeout,
                requestBufferBytes,
                minBodyBytesPerSecond,
                bodyTimeout);
    }

    /** These limits with another per-address connection cap. */
    public ProxySettings withMaxConnectionsPerIp(int cap) {
        return new ProxySettings(
                upstreamTimeout,
                drainTimeout,
                maxHeaderBytes,
                maxBodyBytes,
                maxConnections,
                cap,
                headerTimeout,
                requestBufferBytes,
                minBodyBytesPerSecond,
                bodyTimeout);
    }

    /** These limits with other rules for request bodies. */
    public ProxySettings withBodyRules(long bufferBytes, long minBytesPerSecond, Duration timeout) {
        return new ProxySettings(
                upstreamTimeout,
                drainTimeout,
                maxHeaderBytes,
                maxBodyBytes,
                maxConnections,
                maxConnectionsPerIp,
                headerTimeout,
                bufferBytes,
                minBytesPerSecond,
                timeout);
    }
}
