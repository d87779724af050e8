package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/** Opus payloads (RFC 7587): every payload is one whole Opus packet, and every packet a frame. */
public final class OpusDepacketizer implements RtpDepacketizer {

    /** Makes a depacketizer for one Opus stream. */
    public OpusDepacketizer() {}

    /**
     * Returns the Opus packet carried by the one payload given.
     *
     * @throws RtpPayloadException if there is not exactly one payload, or it is empty
     */
    @Override
    public byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException {
        if (payloads.size() != 1) {
            throw new RtpPayloadException("an Opus frame is one payload, got " + payloads.size());
        }
        ByteBuffer payload = payloads.get(0);
        // RFC 6716 §3.4 [R1]: "Packets are at least one byte."
        if (!payload.hasRemaining()) {
            throw new RtpPayloadException("empty Opus payload");
        }
        byte[] frame = new byte[payload.remaining()];
        payload.duplicate().get(frame);
        return frame;
    }

    /** Always true: every Opus payload is a whole frame. */
    @Override
    public boolean isFrameStart(ByteBuffer payload) {
        return true;
    }

    /** Always true: audio frames do not wait for key frames. */
    @Override
    public boolean isKeyFrame(ByteBuffer payload) {
        return true;
    }
}
