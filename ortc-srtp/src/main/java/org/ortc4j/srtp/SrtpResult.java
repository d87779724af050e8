package org.ortc4j.srtp;

/**
 * What became of one packet given to {@code protect} or {@code unprotect}. Anything but
 * {@link #OK} means the packet was not processed: the caller drops it and counts the reason, and
 * the session's state is as it was before.
 */
public enum SrtpResult {
    /** Protected or unprotected; the buffer's limit now marks the new end of the packet. */
    OK,
    /** Shorter than its headers (and tag) say it must be. */
    TOO_SHORT,
    /** Not an RTP or RTCP packet: wrong version, or headers that run past the end. */
    MALFORMED,
    /** Protect only: the buffer has no room after the packet for the authentication tag. */
    NO_ROOM,
    /** The authentication tag does not match: forged, corrupted, or under another key. */
    AUTHENTICATION_FAILED,
    /** A packet index already received (RFC 3711 §3.3.2). */
    REPLAYED,
    /** A packet index older than the replay window reaches (RFC 3711 §3.3.2). */
    TOO_OLD,
    /** A new SSRC after the session already holds as many as its options allow. */
    SSRC_LIMIT,
    /**
     * Protect only: the SRTCP index (2^31 packets) or the SRTP packet index (2^48) of this SSRC is
     * used up; RFC 3711 §9.2 requires a new master key.
     */
    INDEX_EXHAUSTED
}
