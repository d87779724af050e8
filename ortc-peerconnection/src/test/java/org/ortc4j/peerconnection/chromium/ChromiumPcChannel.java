package org.ortc4j.peerconnection.chromium;

import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.chromium.ChannelProbe;

/**
 * One of our peer connection's data channels as a test watches it from the moment it exists:
 * ortc-sctp's {@link ChannelProbe} (open and close as futures, messages in arrival order, echo),
 * under the name the peer-connection tests against Chromium use.
 */
final class ChromiumPcChannel extends ChannelProbe {

    ChromiumPcChannel(RTCDataChannel channel) {
        super(channel);
    }
}
