package dev.backstop.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client on a plain socket, for what java.net.http never does: pipelining, HTTP/1.0, a
 * connection held open without a request. Reads responses framed by Content-Length, chunks, or
 * the connection's end. Not thread-safe.
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, String body) {}

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) {
        this(port, InetAddress.getLoopbackAddress());
    }

    /** A client connecting from {@code from}, another loopback address such as 127.0.0.2 to look like another host. */
    RawHttp(int port, InetAddress from) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends bytes exactly as given: no line endings rewritten, for requests that break the framing on purpose. */
    RawHttp sendBytes(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response read() {
        Response head = readHead();
        try {
            return new Response(head.status(), head.headers(), body(head.headers()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line and headers only (a response to HEAD has no body whatever its headers say). */
    Response readHead() {
        try {
            String statusLine = line();
            Map<String, String> headers = new TreeMap<>();
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the peer sends until it closes the connection (fails if it does not close within 10 s). */
    String untilClosed() {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the peer has closed the connection (end of stream within the socket timeout). */
    boolean closedByPeer() {
        return closedByPeerWithin(10_000);
    }

    /** True if the peer closes the connection within {@code millis}. */
    boolean closedByPeerWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String body(Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
            return body.toString(StandardCharsets.UTF_8);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
