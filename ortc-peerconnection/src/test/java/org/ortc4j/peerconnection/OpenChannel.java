package org.ortc4j.peerconnection;

import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.util.concurrent.CompletableFuture;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * A data channel the offerer created, negotiated by trickle signaling between two peer
 * connections: open at the offerer, and announced at the answerer by its datachannel event.
 *
 * @param offerers the offerer's end
 * @param answerers the answerer's end
 */
record OpenChannel(RTCDataChannel offerers, RTCDataChannel answerers) {

    /** Creates the channel at {@code offerer}, negotiates, and waits for both ends. */
    static OpenChannel between(RTCPeerConnection offerer, RTCPeerConnection answerer, String label) throws Exception {
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        CompletableFuture<RTCDataChannel> remoteChannel = new CompletableFuture<>();
        answerer.onDataChannel(remoteChannel::complete);
        RTCDataChannel channel = offerer.createDataChannel(label);
        CompletableFuture<Void> open = opened(channel);
        await(signaling.exchange());
        await(open);
        return new OpenChannel(channel, await(remoteChannel));
    }
}
