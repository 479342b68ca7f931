package dev.backstop.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that promises keep-alive but closes each connection when the next request arrives
 * on it, without answering: the race a proxy meets when it reuses a connection the upstream's
 * keep-alive timeout has just ended.
 */
final class OneRequestPerConnectionUpstream implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    OneRequestPerConnectionUpstream() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "one-request-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Upstream upstream() {
        return new Upstream("127.0.0.1", listener.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                connections.incrementAndGet();
                InputStream in = socket.getInputStream();
                readHead(in);
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                readHead(in);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int c; matched < 4 && (c = in.read()) >= 0; ) {
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
