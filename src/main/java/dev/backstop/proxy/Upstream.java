package dev.backstop.proxy;

/**
 * One web instance of a release the proxy forwards to, reached over plain HTTP/1.1.
 * Immutable, thread-safe.
 */
public record Upstream(String host, int port) {

    public Upstream {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("upstream host is empty; expected a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("upstream port '" + port + "' is not a port number (1-65535)");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
