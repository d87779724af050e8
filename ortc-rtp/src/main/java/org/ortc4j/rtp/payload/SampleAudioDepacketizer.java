package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sample-based audio payloads (RFC 3551 §4.5: PCMU, PCMA, G.722): every payload holds whole
 * samples, so every payload is a frame; payloads given together are joined in order.
 */
public final class SampleAudioDepacketizer implements RtpDepacketizer {

    /** Makes a depacketizer for PCMU, PCMA or G.722 (they pack samples the same way). */
    public SampleAudioDepacketizer() {}

    /**
     * Returns the samples of the payloads, joined in order.
     *
     * @throws RtpPayloadException if there are no payloads or one is empty
     */
    @Override
    public byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException {
        if (payloads.isEmpty()) {
            throw new RtpPayloadException("no payloads");
        }
        long total = 0;
        for (ByteBuffer payload : payloads) {
            if (!payload.hasRemaining()) {
                throw new RtpPayloadException("empty audio payload");
            }
            total += payload.remaining();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new RtpPayloadException("frame too large: " + total + " bytes");
        }
        byte[] frame = new byte[(int) total];
        int offset = 0;
        for (ByteBuffer payload : payloads) {
            int length = payload.remaining();
            payload.duplicate().get(frame, offset, length);
            offset += length;
        }
        return frame;
    }

    /** Always true: every payload holds whole samples. */
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
