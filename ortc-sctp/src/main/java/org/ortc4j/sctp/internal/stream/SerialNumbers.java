package org.ortc4j.sctp.internal.stream;

import java.util.Comparator;

/**
 * Serial number arithmetic (RFC 1982) for TSNs (32 bits, RFC 9260 §1.6) and SSNs (16 bits).
 *
 * <p>RFC 9260 §1.6: "Comparisons and arithmetic on TSNs in this document SHOULD use Serial Number
 * Arithmetic as defined in [RFC1982] where SERIAL_BITS = 32." and the same for SSNs with 16 bits.
 * TSNs are held in a {@code long} (0 to 2^32-1), SSNs in an {@code int} (0 to 65535).
 */
final class SerialNumbers {

    /** TSNs ordered by serial arithmetic; consistent while all of them lie within 2^31 of each other. */
    static final Comparator<Long> TSN_ORDER = (a, b) -> a.equals(b) ? 0 : (tsnLessThan(a, b) ? -1 : 1);

    private SerialNumbers() {}

    /** RFC 1982 §3.2 with SERIAL_BITS = 32: {@code a < b}. */
    static boolean tsnLessThan(long a, long b) {
        long d = (b - a) & 0xFFFF_FFFFL;
        return d != 0 && d < 0x8000_0000L;
    }

    /** {@code a <= b} for TSNs. */
    static boolean tsnAtMost(long a, long b) {
        return a == b || tsnLessThan(a, b);
    }

    /** {@code tsn + 1} modulo 2^32. */
    static long nextTsn(long tsn) {
        return (tsn + 1) & 0xFFFF_FFFFL;
    }

    /** RFC 1982 §3.2 with SERIAL_BITS = 16: {@code a < b}. */
    static boolean ssnLessThan(int a, int b) {
        int d = (b - a) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }

    /** {@code a <= b} for SSNs. */
    static boolean ssnAtMost(int a, int b) {
        return a == b || ssnLessThan(a, b);
    }

    /** {@code ssn + 1} modulo 2^16: after 65535 comes 0. */
    static int nextSsn(int ssn) {
        return (ssn + 1) & 0xFFFF;
    }

    /**
     * RFC 1982 §3.2 with SERIAL_BITS = 32 for I-DATA Message Identifiers: {@code a < b}. RFC 8260
     * §2.1: "the serial number arithmetic defined in [RFC1982] using SERIAL_BITS = 32 applies".
     */
    static boolean midLessThan(long a, long b) {
        return tsnLessThan(a, b);
    }

    /** {@code a <= b} for MIDs. */
    static boolean midAtMost(long a, long b) {
        return a == b || tsnLessThan(a, b);
    }

    /** {@code mid + 1} modulo 2^32. */
    static long nextMid(long mid) {
        return nextTsn(mid);
    }
}
