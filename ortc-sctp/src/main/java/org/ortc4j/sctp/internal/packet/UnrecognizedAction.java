package org.ortc4j.sctp.internal.packet;

/**
 * What a receiver does with a chunk or parameter type it does not recognize, read from the two
 * highest bits of the type (RFC 9260 §3.2 for chunks, §3.2.1 for parameters).
 */
public enum UnrecognizedAction {
    /** 00: stop processing and discard (the packet for a chunk, the chunk for a parameter). */
    STOP,
    /** 01: as {@link #STOP}, and report it (ERROR chunk / unrecognized-parameter cause). */
    STOP_AND_REPORT,
    /** 10: skip it and continue processing. */
    SKIP,
    /** 11: skip it, continue, and report it. */
    SKIP_AND_REPORT;

    /** @return whether processing goes on after this item */
    public boolean continues() {
        return this == SKIP || this == SKIP_AND_REPORT;
    }

    /** @return whether the peer is to be told */
    public boolean reports() {
        return this == STOP_AND_REPORT || this == SKIP_AND_REPORT;
    }

    static UnrecognizedAction ofHighBits(int twoBits) {
        return values()[twoBits & 0x3];
    }
}
