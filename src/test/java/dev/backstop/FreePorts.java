package dev.backstop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests to hand to servers they start a moment later (a daemon's admin address, a proxy's
 * listener, nginx). A port from {@code bind(0)} comes from Linux's ephemeral range (32768-60999),
 * which every outgoing connection on the machine draws from too: with test classes running in
 * parallel, a load generator's or JDBC driver's connection took such a port between the pick and
 * the bind ("Address already in use"). These come from below that range, at random, never twice in
 * one JVM, and free at the moment they are handed out. Thread-safe.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_000;
    private static final int ATTEMPTS = 1_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A port on 127.0.0.1 that nothing listens on now and that this JVM has not handed out before. */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in [" + LOWEST + ", " + ABOVE_HIGHEST + ") after " + ATTEMPTS
                + " tries; look for a process holding many of them with 'ss -ltn'.");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
