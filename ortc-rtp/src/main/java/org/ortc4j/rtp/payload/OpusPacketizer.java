package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Opus payloads (RFC 7587): one Opus packet per RTP payload, unchanged.
 *
 * <p>Marker bit: RFC 7587 §4.1 uses the marker bit as RFC 3551 §4.1 does, for the first packet of
 * a talkspurt when discontinuous transmission leaves gaps. Call {@link #startTalkspurt()} when
 * sending resumes after such a gap; without it no payload gets the marker bit (RFC 3551 §4.1:
 * "Applications without silence suppression MUST set the marker bit to zero").
 */
public final class OpusPacketizer implements RtpPacketizer {

    private boolean talkspurtStart;

    /** Makes a packetizer for one Opus stream. */
    public OpusPacketizer() {}

    /** The next payload is the first of a talkspurt and gets the marker bit. */
    public void startTalkspurt() {
        talkspurtStart = true;
    }

    /**
     * Returns the Opus packet as one payload.
     *
     * @throws IllegalArgumentException if the packet is empty or larger than {@code maxPayloadSize}
     */
    @Override
    public List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize) {
        int size = frame.remaining();
        // RFC 6716 §3.4 [R1]: "Packets are at least one byte."
        if (size == 0) {
            throw new IllegalArgumentException("an Opus packet is at least one byte");
        }
        // RFC 7587 §4.2: an RTP payload carries exactly one Opus packet, never a part of one.
        if (size > maxPayloadSize) {
            throw new IllegalArgumentException("Opus packet of " + size + " bytes exceeds max payload size "
                    + maxPayloadSize + "; Opus packets are not fragmented");
        }
        byte[] bytes = new byte[size];
        frame.duplicate().get(bytes);
        boolean marker = talkspurtStart;
        talkspurtStart = false;
        return List.of(new RtpPayload(bytes, marker, 0));
    }
}
