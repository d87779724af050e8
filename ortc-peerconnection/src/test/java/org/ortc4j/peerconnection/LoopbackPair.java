package org.ortc4j.peerconnection;

import static org.ortc4j.peerconnection.LoopbackPeers.LOOPBACK;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * Two of our peer connections on loopback, connected by trickle signaling with a data channel
 * open at both ends, for tests that need many of them. {@link #close()} closes both.
 */
final class LoopbackPair implements AutoCloseable {

    final RTCPeerConnection offerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
    final RTCPeerConnection answerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
    final RTCDataChannel offererChannel;
    private final CompletableFuture<RTCDataChannel> answererChannel = new CompletableFuture<>();
    private final CompletableFuture<String> atAnswerer = new CompletableFuture<>();
    private final CompletableFuture<String> atOfferer = new CompletableFuture<>();

    private LoopbackPair() {
        answerer.onDataChannel(channel -> {
            channel.onMessage(m -> atAnswerer.complete(m.text()));
            answererChannel.complete(channel);
        });
        offererChannel = offerer.createDataChannel("churn");
        offererChannel.onMessage(m -> atOfferer.complete(m.text()));
    }

    /** A pair whose channel is open at both ends, or an exception after {@code seconds}. */
    static LoopbackPair connect(long seconds) throws Exception {
        LoopbackPair pair = new LoopbackPair();
        try {
            TrickleSignaling signaling = new TrickleSignaling(pair.offerer, pair.answerer);
            CompletableFuture<Void> open = opened(pair.offererChannel);
            signaling.exchange().get(seconds, TimeUnit.SECONDS);
            open.get(seconds, TimeUnit.SECONDS);
            opened(pair.answererChannel.get(seconds, TimeUnit.SECONDS)).get(seconds, TimeUnit.SECONDS);
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    /** The channel at the answerer (announced by its datachannel event). */
    RTCDataChannel answererChannel() {
        return answererChannel.join();
    }

    /** One message each way; returns when both arrived. */
    void exchangeOneMessageEachWay(long seconds) throws Exception {
        offererChannel.send("ping");
        answererChannel.get(seconds, TimeUnit.SECONDS).send("pong");
        if (!"ping".equals(atAnswerer.get(seconds, TimeUnit.SECONDS)) || !"pong".equals(atOfferer.get(seconds, TimeUnit.SECONDS))) {
            throw new AssertionError("wrong message");
        }
    }

    @Override
    public void close() {
        offerer.close();
        answerer.close();
    }
}
