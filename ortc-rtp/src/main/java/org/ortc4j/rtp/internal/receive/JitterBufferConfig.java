package org.ortc4j.rtp.internal.receive;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link JitterBuffer}.
 *
 * @param maxWait how long a video frame with holes may wait for NACK/RTX to fill them before it is
 *     given up, counted from its first packet's arrival (or from the arrival of the later packet
 *     that proves the loss, when none of its packets came)
 * @param audioMaxWait how long a missing audio packet is waited for before it is skipped
 * @param maxPackets the most packets kept at once; beyond that the oldest incomplete frames are
 *     given up
 * @param keyFrameRequestInterval the least time between two key frame requests
 */
public record JitterBufferConfig(Duration maxWait, Duration audioMaxWait, int maxPackets,
        Duration keyFrameRequestInterval) {

    /** Checks the values. */
    public JitterBufferConfig {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(audioMaxWait, "audioMaxWait");
        Objects.requireNonNull(keyFrameRequestInterval, "keyFrameRequestInterval");
        if (maxWait.isNegative() || audioMaxWait.isNegative() || keyFrameRequestInterval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxPackets < 1) {
            throw new IllegalArgumentException("maxPackets must be positive: " + maxPackets);
        }
    }

    /**
     * The defaults for a kind: wait 500 ms for video holes and 60 ms for audio ones, keep at most
     * 2000 video or 200 audio packets, ask for a key frame at most once a second.
     */
    public static JitterBufferConfig defaults(String kind) {
        boolean video = "video".equals(kind);
        return new JitterBufferConfig(Duration.ofMillis(500), Duration.ofMillis(60), video ? 2000 : 200,
                Duration.ofSeconds(1));
    }
}
