package org.ortc4j.rtp.internal.receive;

/**
 * The counters of a {@link JitterBuffer}, a snapshot.
 *
 * @param packetsReceived every packet given to {@code insert}
 * @param packetsDuplicated packets already held (dropped)
 * @param packetsDiscarded packets thrown away unplayed: late (their frame was already released or
 *     given up), thrown out to keep the bound, or flushed when the sender restarted
 * @param packetsMalformed packets the depacketizer rejected: alone on arrival, or all packets of a
 *     frame it could not join
 * @param packetsUnknownPayloadType packets of a payload type no codec has
 * @param framesReceived frames released to the listener
 * @param keyFramesReceived of those, key frames
 * @param framesDropped frames given up (holes not filled in time, the bound, malformed) or complete
 *     but not decodable while waiting for a key frame
 * @param keyFrameRequests calls of {@code onKeyFrameNeeded}
 */
public record JitterBufferStats(long packetsReceived, long packetsDuplicated, long packetsDiscarded,
        long packetsMalformed, long packetsUnknownPayloadType, long framesReceived, long keyFramesReceived,
        long framesDropped, long keyFrameRequests) {}
