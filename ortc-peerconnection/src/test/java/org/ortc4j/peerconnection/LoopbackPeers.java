package org.ortc4j.peerconnection;

import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.connected;

import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.RTCIceGatherOptions;

/**
 * The fixture of most RTCPeerConnection tests: two of our peer connections (an offerer and an
 * answerer) gathering loopback candidates, so that they connect to each other on this host.
 * Tests hold one in a field annotated {@code @AutoClose}; {@link #close()} closes both.
 */
final class LoopbackPeers implements AutoCloseable {

    /** Gathering options that include loopback candidates (host candidates of 127.0.0.1/::1). */
    static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    final RTCPeerConnection offerer;
    final RTCPeerConnection answerer;

    /** Two peer connections with the default configuration. */
    LoopbackPeers() {
        this(new RTCConfiguration(), LOOPBACK);
    }

    /** Two peer connections with the same configuration and gathering options. */
    LoopbackPeers(RTCConfiguration configuration, RTCIceGatherOptions options) {
        offerer = new RTCPeerConnection(configuration, options);
        RTCPeerConnection second;
        try {
            second = new RTCPeerConnection(configuration, options);
        } catch (RuntimeException | Error e) {
            offerer.close();
            throw e;
        }
        answerer = second;
    }

    /**
     * One offer/answer exchange with trickled candidates (see {@link TrickleSignaling}); returns
     * once both sides have their remote description, not once they are connected.
     */
    TrickleSignaling negotiate() throws Exception {
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        await(signaling.exchange());
        return signaling;
    }

    /**
     * {@link #negotiate()}, then waits until both peer connections are connected. It takes each
     * side's connectionstatechange handler to watch for that.
     */
    TrickleSignaling connect() throws Exception {
        CompletableFuture<RTCPeerConnectionState> offererUp = connected(offerer);
        CompletableFuture<RTCPeerConnectionState> answererUp = connected(answerer);
        TrickleSignaling signaling = negotiate();
        await(offererUp);
        await(answererUp);
        return signaling;
    }

    /** A data channel created at the offerer, negotiated, and open at both ends. */
    OpenChannel openChannel(String label) throws Exception {
        return OpenChannel.between(offerer, answerer, label);
    }

    @Override
    public void close() {
        offerer.close();
        answerer.close();
    }
}
