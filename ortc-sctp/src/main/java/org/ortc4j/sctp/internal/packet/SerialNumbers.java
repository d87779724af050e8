package org.ortc4j.sctp.internal.packet;

/**
 * Serial number arithmetic (RFC 1982) for 32-bit TSNs and 16-bit SSNs. RFC 9260 §1.6: "It is
 * essential to remember that the actual Transmission Sequence Number space is finite, though very
 * large. This space ranges from 0 to 2^32 - 1. ... Comparisons and arithmetic on TSNs in this
 * document SHOULD use Serial Number Arithmetic as defined in [RFC1982] where SERIAL_BITS = 32."
 */
public final class SerialNumbers {

    private SerialNumbers() {
    }

    /** @return whether TSN {@code a} is before {@code b} (RFC 1982 §3.2, SERIAL_BITS 32) */
    public static boolean tsnLessThan(int a, int b) {
        // The difference b - a taken mod 2^32 lies in (0, 2^31). The pair exactly 2^31 apart is
        // undefined in RFC 1982; it compares as not less in either direction.
        int d = b - a;
        return d > 0;
    }

    /** @return whether {@code a} is before or equal to {@code b} */
    public static boolean tsnLessThanOrEqual(int a, int b) {
        return a == b || tsnLessThan(a, b);
    }

    /** @return whether {@code a} is after {@code b} */
    public static boolean tsnGreaterThan(int a, int b) {
        return tsnLessThan(b, a);
    }

    /** @return {@code b - a} as a signed distance, for offsets such as gap ack blocks */
    public static int tsnDistance(int a, int b) {
        return b - a;
    }

    /** @return whether SSN {@code a} is before {@code b} (RFC 1982, SERIAL_BITS 16) */
    public static boolean ssnLessThan(int a, int b) {
        checkSsn(a);
        checkSsn(b);
        int d = (b - a) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }

    /** @return whether SSN {@code a} is before or equal to {@code b} */
    public static boolean ssnLessThanOrEqual(int a, int b) {
        return a == b || ssnLessThan(a, b);
    }

    /** @return the SSN after {@code ssn}, wrapping from 65535 to 0 */
    public static int ssnNext(int ssn) {
        checkSsn(ssn);
        return (ssn + 1) & 0xFFFF;
    }

    private static void checkSsn(int ssn) {
        Tlv.checkU16(ssn, "SSN");
    }
}
