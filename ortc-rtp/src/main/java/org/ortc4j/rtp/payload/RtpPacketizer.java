package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Splits encoded frames of one stream into RTP payloads. One instance per stream: some formats
 * keep per-stream state (VP8 and VP9 picture IDs, H.264 parameter sets). Not thread-safe.
 */
public interface RtpPacketizer {

    /**
     * Splits one encoded frame into RTP payloads of at most {@code maxPayloadSize} bytes each, in
     * sending order. Reads the bytes between the frame's position and limit; leaves the frame's
     * position, limit and contents as they were.
     *
     * @throws IllegalArgumentException if {@code maxPayloadSize} is too small for the format, or
     *     the frame cannot be sent in this format (e.g. an Opus packet larger than one payload)
     */
    List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize);
}
