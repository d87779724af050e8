package org.ortc4j.sctp.chromium;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelMessage;
import org.ortc4j.sctp.RTCDataChannelState;

/**
 * Watches one of our {@link RTCDataChannel}s from the moment it exists: open and close as
 * futures, messages in arrival order, and an echo switch that sends every message back as it
 * arrives (on the transport's loop, as a user's listener would).
 */
final class ChannelProbe {

    final RTCDataChannel channel;
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LinkedBlockingQueue<RTCDataChannelMessage> messages = new LinkedBlockingQueue<>();
    private volatile boolean echo;

    ChannelProbe(RTCDataChannel channel) {
        this.channel = channel;
        channel.onMessage(message -> {
            if (echo) {
                if (message.isBinary()) {
                    channel.send(message.bytes());
                } else {
                    channel.send(message.text());
                }
            }
            messages.add(message);
        });
        channel.onOpen(() -> opened.complete(null));
        channel.onClose(() -> closed.complete(null));
        if (channel.readyState() == RTCDataChannelState.OPEN) {
            opened.complete(null);
        }
    }

    void echo(boolean on) {
        echo = on;
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

    /** The messages that arrive within {@code quiet} of each other, once none has for that long. */
    List<RTCDataChannelMessage> drain(Duration quiet) throws InterruptedException {
        List<RTCDataChannelMessage> out = new ArrayList<>();
        RTCDataChannelMessage m;
        while ((m = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            out.add(m);
        }
        return out;
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
}
