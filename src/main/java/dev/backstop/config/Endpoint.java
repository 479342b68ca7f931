package dev.backstop.config;

/** A host and TCP port to listen on, written {@code 127.0.0.1:8080} in the file. */
public record Endpoint(String host, int port) {

    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0-65535");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
