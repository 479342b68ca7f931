package dev.backstop.run;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds free loopback ports for web instances: the kernel picks one (bind to port 0), we close it
 * and hand the number out. Remembers what it handed out so that two instances started before either
 * binds never get the same port. The port can still be taken by another program in between; the
 * instance then fails its health probe and is restarted. Thread-safe.
 */
public final class PortAllocator {

    private static final int ATTEMPTS = 20;

    private final Set<Integer> handedOut = new HashSet<>();

    /** A loopback port that was free a moment ago and not handed out before (unless released). */
    public synchronized int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new BackstopException("Could not find a free loopback port in " + ATTEMPTS
                + " attempts; release ports of stopped instances or check the host's port range.");
    }

    /** Lets {@code port} be handed out again, e.g. after its instance stopped. */
    public synchronized void release(int port) {
        handedOut.remove(port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BackstopException(
                    "Could not bind a loopback port: " + e.getMessage() + "; check that the loopback interface is up.",
                    e);
        }
    }
}
