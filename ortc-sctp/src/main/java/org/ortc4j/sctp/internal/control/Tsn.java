package org.ortc4j.sctp.internal.control;

/**
 * TSN serial-number arithmetic (RFC 9260 §1.6, RFC 1982 with SERIAL_BITS = 32). Internally the
 * control classes keep TSNs "unwrapped" into a 64-bit counter so that sets and maps sort them;
 * on the wire and in records they are 32-bit values in a {@code long}.
 */
final class Tsn {

    static final long MASK = 0xFFFF_FFFFL;

    private Tsn() {
    }

    /** The unwrapped TSN nearest to {@code reference} whose low 32 bits are {@code tsn32}. */
    static long unwrap(long tsn32, long reference) {
        int diff = (int) ((tsn32 & MASK) - (reference & MASK));
        return reference + diff;
    }

    /** The 32-bit wire value of an unwrapped TSN. */
    static long wire(long unwrapped) {
        return unwrapped & MASK;
    }
}
