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
 * arrives (on the transport's loop, as a user's listener would). The ORTC tests here and the
 * peer-connection tests against Chromium (ortc-peerconnection) watch their channels with it.
 */
public class ChannelProbe {

    /** The channel watched. */
    public final RTCDataChannel channel;
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LinkedBlockingQueue<RTCDataChannelMessage> messages = new LinkedBlockingQueue<>();
    private volatile boolean echo;

    /** Watches {@code channel}: call before it can open or receive, so nothing is missed. */
    public ChannelProbe(RTCDataChannel channel) {
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

    /** Sends every message that arrives from now on back on the channel (or stops). */
    public void echo(boolean on) {
        echo = on;
    }

    /** The next message, or an AssertionError after {@code timeout}. */
    public RTCDataChannelMessage next(Duration timeout) throws InterruptedException {
        RTCDataChannelMessage message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message on our channel '" + channel.label() + "' within " + timeout
                    + " (readyState " + channel.readyState() + ", bufferedAmount " + channel.bufferedAmount() + ")");
        }
        return message;
    }

    /** The messages that arrive within {@code quiet} of each other, once none has for that long. */
    public List<RTCDataChannelMessage> drain(Duration quiet) throws InterruptedException {
        List<RTCDataChannelMessage> out = new ArrayList<>();
        RTCDataChannelMessage m;
        while ((m = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            out.add(m);
        }
        return out;
    }

    /** Waits until the channel is open, or throws an AssertionError after {@code timeout}. */
    public void awaitOpen(Duration timeout) throws Exception {
        try {
            opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our channel '" + channel.label() + "' did not open within " + timeout
                    + " (readyState " + channel.readyState() + ", id " + channel.id() + ")");
        }
    }

    /** Waits for the channel's close event, or throws an AssertionError after {@code timeout}. */
    public void awaitClose(Duration timeout) throws Exception {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our channel '" + channel.label() + "' did not close within " + timeout
                    + " (readyState " + channel.readyState() + ")");
        }
    }

    /** Whether the close event has fired. */
    public boolean isClosed() {
        return closed.isDone();
    }
}
