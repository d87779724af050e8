package org.ortc4j.ice.internal;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Receives every datagram that arrives on any of a gatherer's bases: what the ICE agent checks
 * (STUN) and what it hands to the layers above (everything else). For a relayed base,
 * {@code from} is the peer address the relay reports, and {@code data} is already unwrapped from
 * its Data indication or ChannelData message.
 */
@FunctionalInterface
public interface PacketReceiver {

    /** One datagram; the receiver owns {@code data}. Called on the loop. */
    void receive(CandidateBase base, InetSocketAddress from, ByteBuf data);
}
