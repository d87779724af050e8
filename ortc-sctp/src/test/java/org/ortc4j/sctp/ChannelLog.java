package org.ortc4j.sctp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one {@link RTCDataChannel} announces, registered as soon as the channel exists (for
 * a channel the peer opened: inside the {@code onDataChannel} listener, before its open event).
 */
final class ChannelLog {

    static final long TIMEOUT_S = 15;

    final RTCDataChannel channel;
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final CompletableFuture<Void> closing = new CompletableFuture<>();
    final CompletableFuture<RTCError> error = new CompletableFuture<>();
    final LinkedBlockingQueue<RTCDataChannelMessage> messages = new LinkedBlockingQueue<>();
    final AtomicInteger bufferedAmountLow = new AtomicInteger();
    final List<String> events = new CopyOnWriteArrayList<>();

    ChannelLog(RTCDataChannel channel) {
        this.channel = channel;
        channel.onOpen(() -> {
            events.add("open");
            opened.complete(null);
        });
        channel.onMessage(messages::add);
        channel.onBufferedAmountLow(bufferedAmountLow::incrementAndGet);
        channel.onClosing(() -> {
            events.add("closing");
            closing.complete(null);
        });
        channel.onError(e -> {
            events.add("error");
            error.complete(e);
        });
        channel.onClose(() -> {
            events.add("close");
            closed.complete(null);
        });
    }

    ChannelLog awaitOpen() throws Exception {
        opened.get(TIMEOUT_S, TimeUnit.SECONDS);
        return this;
    }

    void awaitClosed() throws Exception {
        closed.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    RTCDataChannelMessage next() throws InterruptedException {
        RTCDataChannelMessage m = messages.poll(TIMEOUT_S, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + TIMEOUT_S + " s on " + channel);
        }
        return m;
    }
}
