package org.ortc4j.sctp.internal.stream;

/** What {@link InboundReassembler#receive} did with a fragment. */
public enum ReassemblyOutcome {
    /** Kept, and delivered with whatever it completed. */
    ACCEPTED,
    /** A fragment with this TSN is already held; ignored. */
    DUPLICATE,
    /** An ordered fragment whose SSN was already delivered or skipped on its stream; ignored. */
    STALE,
    /**
     * Keeping it would exceed the association's buffered bytes or messages: the fragment is
     * dropped and the peer is misbehaving (it ignored our advertised receiver window); the
     * association should send an ABORT (RFC 9260 §6.2 lets a receiver that runs out of buffer
     * drop data, and a peer that keeps flooding is reported, not buffered).
     */
    LIMIT_EXCEEDED
}
