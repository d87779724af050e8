package org.ortc4j.rtp.internal.receive;

import java.util.Objects;
import org.ortc4j.rtp.payload.RtpDepacketizer;

/**
 * One codec a received stream may carry: its payload type, MIME type ({@code "video/VP8"}), RTP
 * clock rate and the depacketizer for its payloads (one per stream: some keep state).
 */
public record ReceiveCodec(int payloadType, String mimeType, int clockRate, RtpDepacketizer depacketizer) {

    /** Checks the values. */
    public ReceiveCodec {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        Objects.requireNonNull(mimeType, "mimeType");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        Objects.requireNonNull(depacketizer, "depacketizer");
    }
}
