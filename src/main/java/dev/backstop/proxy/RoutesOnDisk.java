package dev.backstop.proxy;

import java.nio.file.Path;

/**
 * The proxy's routing table as its routes file has it, read without asking the proxy: what public
 * traffic goes to even while the proxy or the daemon is down, or the store is lost. Stateless.
 */
public final class RoutesOnDisk {

    private RoutesOnDisk() {}

    /**
     * The table in {@code <stateDirectory>/routes.json}; empty when there is no file yet.
     *
     * @throws ProxyStateException when the file cannot be read
     */
    public static RoutingTable read(Path stateDirectory) {
        return new RoutesFile(stateDirectory).load();
    }

    /** Where the routes file of this state directory lives, for messages. */
    public static Path file(Path stateDirectory) {
        return new RoutesFile(stateDirectory).path();
    }
}
