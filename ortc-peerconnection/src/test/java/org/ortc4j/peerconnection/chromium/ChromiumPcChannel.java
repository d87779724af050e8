package org.ortc4j.peerconnection.chromium;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelMessage;
import org.ortc4j.sctp.RTCDataChannelState;

/**
 * One of our peer connection's data channels as a test watches it from the moment it exists:
 * open and close as futures, messages in arrival order.
 */
final class ChromiumPcChannel {

    final RTCDataChannel channel;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LinkedBlockingQueue<RTCDataChannelMessage> messages = new LinkedBlockingQueue<>();

    ChromiumPcChannel(RTCDataChannel channel) {
        this.channel = channel;
        channel.onMessage(messages::add);
        channel.onOpen(() -> opened.complete(null));
        channel.onClose(() -> closed.complete(null));
        if (channel.readyState() == RTCDataChannelState.OPEN) {
            opened.complete(null);
        }
    }

    /** The next message, or an AssertionError after {@code timeout}. */
    RTCDataChannelMessage next(Duration timeout) throws InterruptedException {
        RTCDataChannelMessage message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message on our channel '" + channel.label() + "' within " + timeout
                    + " (readyState " + channel.readyState() + ", bufferedAmount " + channel.bufferedAmount() + ")");
        }
        return message;
    }

    void awaitOpen(Duration timeout) throws Exception {
        try {
            opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our channel '" + channel.label() + "' did not open within " + timeout
                    + " (readyState " + channel.readyState() + ", id " + channel.id() + ")");
        }
    }

    void awaitClose(Duration timeout) throws Exception {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our channel '" + channel.label() + "' did not close within " + timeout
                    + " (readyState " + channel.readyState() + ")");
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }
}
