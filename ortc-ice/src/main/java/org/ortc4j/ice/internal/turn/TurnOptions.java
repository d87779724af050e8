package org.ortc4j.ice.internal.turn;

import java.time.Duration;
import java.util.Objects;
import org.ortc4j.ice.internal.StunRetransmission;

/**
 * Knobs of a {@link TurnAllocation}.
 *
 * @param udpTiming STUN transaction timing over UDP (RFC 8489 §6.2.1)
 * @param reliableTiming STUN transaction timing over TCP and TLS (RFC 8489 §6.2.2: one
 *     transmission, timeout Ti); must be {@link StunRetransmission#reliable() reliable}
 * @param requestedLifetime the LIFETIME asked for in Allocate and Refresh requests, or
 *     {@code null} to take the server's default (RFC 8656 §7.1: the client "MAY include a
 *     LIFETIME attribute specifying its desired value. This is just a hint")
 * @param maxQueuedPerPermission how many datagrams {@link TurnAllocation#send} keeps for a peer
 *     while its permission is being created; more are dropped and counted
 * @param channels whether to bind a channel for each peer and send ChannelData (RFC 8656 §12)
 *     instead of Send indications
 */
public record TurnOptions(StunRetransmission udpTiming, StunRetransmission reliableTiming, Duration requestedLifetime,
        int maxQueuedPerPermission, boolean channels) {

    /** The RFC 8489 timing defaults, the server's lifetime, 32 queued datagrams per peer, channels on. */
    public static final TurnOptions DEFAULT = new TurnOptions(StunRetransmission.UDP_DEFAULT,
            StunRetransmission.RELIABLE_DEFAULT, null, 32, true);

    public TurnOptions {
        Objects.requireNonNull(udpTiming, "udpTiming");
        Objects.requireNonNull(reliableTiming, "reliableTiming");
        if (udpTiming.reliable()) {
            throw new IllegalArgumentException("udpTiming must be unreliable timing: " + udpTiming);
        }
        if (!reliableTiming.reliable()) {
            throw new IllegalArgumentException("reliableTiming must be reliable timing: " + reliableTiming);
        }
        if (requestedLifetime != null && (requestedLifetime.toSeconds() < 1 || requestedLifetime.toSeconds() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("requestedLifetime must be 1 s to 2^32-1 s: " + requestedLifetime);
        }
        if (maxQueuedPerPermission < 0) {
            throw new IllegalArgumentException("maxQueuedPerPermission must not be negative: " + maxQueuedPerPermission);
        }
    }

    /** These options with another UDP timing. */
    public TurnOptions withUdpTiming(StunRetransmission timing) {
        return new TurnOptions(timing, reliableTiming, requestedLifetime, maxQueuedPerPermission, channels);
    }

    /** These options with another requested lifetime ({@code null}: the server's default). */
    public TurnOptions withRequestedLifetime(Duration lifetime) {
        return new TurnOptions(udpTiming, reliableTiming, lifetime, maxQueuedPerPermission, channels);
    }

    /** These options with channels on or off. */
    public TurnOptions withChannels(boolean useChannels) {
        return new TurnOptions(udpTiming, reliableTiming, requestedLifetime, maxQueuedPerPermission, useChannels);
    }

    /** These options with another bound on queued datagrams per peer. */
    public TurnOptions withMaxQueuedPerPermission(int max) {
        return new TurnOptions(udpTiming, reliableTiming, requestedLifetime, max, channels);
    }
}
