package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Joins the RTP payloads of one frame back into the encoded frame, and answers the per-payload
 * questions a jitter buffer asks. One instance per stream (H.264 remembers parameter sets). Never
 * reads outside the payloads' position..limit, never changes their positions, and allocates at
 * most a small constant times the input size. Not thread-safe.
 */
public interface RtpDepacketizer {

    /**
     * Returns the encoded frame carried by {@code payloads}, the payloads of one frame in sequence
     * order (the jitter buffer decides which those are).
     *
     * @throws RtpPayloadException if a payload is malformed or the payloads are not one whole frame
     */
    byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException;

    /**
     * Whether this payload is the first of a frame (a partition head): a frame whose first packet
     * is lost cannot be decoded.
     *
     * @throws RtpPayloadException if the payload is malformed
     */
    boolean isFrameStart(ByteBuffer payload) throws RtpPayloadException;

    /**
     * Whether this payload belongs to a key frame, one decodable without earlier frames. For
     * formats where only the first payload says so, the answer for other payloads is false.
     *
     * @throws RtpPayloadException if the payload is malformed
     */
    boolean isKeyFrame(ByteBuffer payload) throws RtpPayloadException;
}
