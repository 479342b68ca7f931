package dev.backstop.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An upstream on a plain socket that plays a script per connection, for the answers real
 * servers give and a well-behaved test server never does: close-delimited bodies, early answers,
 * promises it breaks.
 */
final class ScriptedUpstream implements AutoCloseable {

    interface Script {
        void play(Socket connection) throws IOException;
    }

    private final ServerSocket listener;

    ScriptedUpstream(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(
                () -> {
                    while (!listener.isClosed()) {
                        try (Socket connection = listener.accept()) {
                            script.play(connection);
                        } catch (IOException e) {
                            // the next connection gets the script again; a closed listener ends the loop
                        }
                    }
                },
                "scripted-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Upstream upstream() {
        return new Upstream("127.0.0.1", listener.getLocalPort());
    }

    /** Reads up to the blank line that ends a request head. */
    static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int c; matched < 4 && (c = in.read()) >= 0; ) {
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
        }
    }

    static void write(Socket connection, String text) throws IOException {
        connection.getOutputStream().write(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        connection.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
