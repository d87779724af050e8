package org.ortc4j.ice.internal.agent;

import io.netty.buffer.ByteBuf;
import org.ortc4j.ice.RTCIceCandidatePair;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.internal.LocalCandidate;

/** What an {@link IceAgent} reports. Every method is called on the agent's loop and must not block. */
public interface IceAgentListener {

    /** The W3C {@code RTCIceTransportState} changed. */
    void onStateChange(RTCIceTransportState state);

    /** A new pair was selected (RFC 8445 §8.1.1 nomination, or the peer's nomination). */
    void onSelectedPairChange(RTCIceCandidatePair pair);

    /** The role changed after a role conflict (RFC 8445 §7.2.5.1, §7.3.1.1). */
    default void onRoleChange(RTCIceRole role) {
    }

    /** A local peer-reflexive candidate was learned from a check's mapped address (RFC 8445 §7.2.5.3.1). */
    default void onLocalCandidate(LocalCandidate peerReflexive) {
    }

    /** A non-STUN datagram (DTLS, SRTP, ...) from the remote end of a known pair; the listener owns {@code data}. */
    void onData(ByteBuf data);
}
