package org.ortc4j.peerconnection.internal.jsep;

import java.util.random.RandomGenerator;

/**
 * The o= line of our descriptions (RFC 8866 §5.2): a session id fixed for the peer connection and
 * a version that grows with every new local description.
 *
 * <p>RFC 9429 §5.2.1: the sess-id is a random 64-bit number with the top bit zero, kept for the
 * whole session; §5.2.2: a new description whose content differs carries a version one higher
 * than the previous local description. We increment for every description we create, as
 * Chromium does.
 */
public final class SessionOrigin {

    private final String sessionId;
    private long version;

    /** An origin with a random session id and version 1 (the first description gets 2, as in Chromium). */
    public SessionOrigin(RandomGenerator random) {
        this.sessionId = Long.toString(random.nextLong() & Long.MAX_VALUE);
        this.version = 1;
    }

    /** The session id, decimal. */
    public String sessionId() {
        return sessionId;
    }

    /** The version of the last description made, or 1 before any. */
    public long version() {
        return version;
    }

    /** The version for a new description: one more than the last. */
    public long nextVersion() {
        version++;
        return version;
    }
}
