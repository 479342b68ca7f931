package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.config.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProxyWebSocketTest {

    @TempDir
    Path state;

    private Server echoServer;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws Exception {
        echoServer = new Server();
        ServerConnector connector = new ServerConnector(echoServer);
        connector.setHost("127.0.0.1");
        echoServer.addConnector(connector);
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        upgrades.addMapping("/echo", (request, response, callback) -> new Echo());
        echoServer.setHandler(upgrades);
        echoServer.start();
    }

    private void startProxy(Transport transport) {
        assumeTrue(transport.available(), transport.label() + " is not available on this machine");
        proxy = ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), state), transport);
        int echoPort = ((ServerConnector) echoServer.getConnectors()[0]).getLocalPort();
        proxy.router().activate(Route.of("r1", new Upstream("127.0.0.1", echoPort)));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        echoServer.stop();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketEchoWorksThroughTheProxyAndClosesBothSides(Transport transport) throws Exception {
        startProxy(transport);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + proxy.port() + "/echo"), new Collecting(received, closed))
                .get(10, TimeUnit.SECONDS);

        String greeting = received.poll(10, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
        String first = received.poll(10, TimeUnit.SECONDS);
        socket.sendText("again", true).get(5, TimeUnit.SECONDS);
        String second = received.poll(10, TimeUnit.SECONDS);
        assertThat(proxy.router().inFlight("r1")).isEqualTo(1);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        assertThat(greeting).as("sent by the upstream right after its 101").isEqualTo("welcome");
        assertThat(first).isEqualTo("hello");
        assertThat(second).isEqualTo("again");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.router().inFlight("r1") == 0);
    }

    /** The upstream application: greets at once, then sends every data frame back. */
    private static final class Echo implements FrameHandler {

        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            session.sendFrame(new Frame(org.eclipse.jetty.websocket.core.OpCode.TEXT, "welcome"), Callback.NOOP, false);
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            Callback next = Callback.from(
                    () -> {
                        callback.succeeded();
                        session.demand();
                    },
                    callback::failed);
            if (frame.isDataFrame()) {
                session.sendFrame(new Frame(frame.getOpCode(), frame.isFin(), frame.getPayload()), next, false);
            } else {
                next.succeeded();
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    private record Collecting(BlockingQueue<String> received, CompletableFuture<Integer> closed)
            implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
