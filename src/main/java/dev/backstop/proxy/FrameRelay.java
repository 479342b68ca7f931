package dev.backstop.proxy;

import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.util.Callback;

/**
 * One side of a WebSocket bridge: every data and close frame it receives is sent on the peer
 * session, and the next frame is demanded only once the peer took it (back-pressure both ways).
 * Pings and pongs stay local: each session answers its own pings. Thread-safe.
 */
final class FrameRelay implements FrameHandler {

    private final CompletableFuture<CoreSession> own = new CompletableFuture<>();
    private final CompletableFuture<CoreSession> peer;
    private final Runnable whenClosed;

    FrameRelay(CompletableFuture<CoreSession> peer, Runnable whenClosed) {
        this.peer = peer;
        this.whenClosed = whenClosed;
    }

    /** Completes once this side's session is open; the other relay sends to it. */
    CompletableFuture<CoreSession> session() {
        return own;
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        own.complete(session);
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (frame.getOpCode() == OpCode.PING || frame.getOpCode() == OpCode.PONG) {
            callback.succeeded();
            own.thenAccept(CoreSession::demand);
            return;
        }
        // a fresh frame drops the client's mask (each session masks as its role requires); the
        // payload stays valid until callback completes, so it is passed on without copying
        Frame relayed = new Frame(frame.getOpCode(), frame.isFin(), frame.getPayload());
        peer.thenAccept(target -> target.sendFrame(relayed, Callback.from(() -> {
            callback.succeeded();
            own.thenAccept(CoreSession::demand);
        }, callback::failed), false));
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        peer.thenAccept(target -> target.close(CloseStatus.SERVER_ERROR, "peer failed", Callback.NOOP));
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        whenClosed.run();
        peer.thenAccept(target -> {
            if (target.isOutputOpen()) {
                target.close(closeStatus, Callback.NOOP);
            }
        });
        callback.succeeded();
    }
}
