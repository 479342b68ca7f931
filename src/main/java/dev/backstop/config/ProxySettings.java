package dev.backstop.config;

import java.time.Duration;

/** Limits of the reverse proxy; over a limit the client gets the proper 4xx/5xx. */
public record ProxySettings(
        Duration upstreamTimeout, Duration drainTimeout, int maxHeaderBytes, long maxBodyBytes, int maxConnections) {}
