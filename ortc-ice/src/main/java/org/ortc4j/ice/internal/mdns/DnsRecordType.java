package org.ortc4j.ice.internal.mdns;

import java.util.Map;

/**
 * A resource record TYPE or question QTYPE (RFC 1035 §3.2.2, §3.2.3), an open set of values:
 * types this package does not interpret keep their number and survive a round trip.
 *
 * @param value the 16-bit code
 */
public record DnsRecordType(int value) {

    /** RFC 1035 §3.2.2: "a host address" (IPv4). */
    public static final DnsRecordType A = new DnsRecordType(1);
    /** RFC 1035 §3.2.2: "a domain name pointer". */
    public static final DnsRecordType PTR = new DnsRecordType(12);
    /** RFC 1035 §3.2.2: "text strings". */
    public static final DnsRecordType TXT = new DnsRecordType(16);
    /** RFC 3596 §2.1: an IPv6 address. */
    public static final DnsRecordType AAAA = new DnsRecordType(28);
    /** RFC 2782: a service location. */
    public static final DnsRecordType SRV = new DnsRecordType(33);
    /** RFC 4034 §4: negative answers, as RFC 6762 §6.1 uses them. */
    public static final DnsRecordType NSEC = new DnsRecordType(47);
    /** RFC 1035 §3.2.3: "A request for all records" (QTYPE only). */
    public static final DnsRecordType ANY = new DnsRecordType(255);

    private static final Map<Integer, String> NAMES = Map.of(1, "A", 12, "PTR", 16, "TXT", 28, "AAAA", 33, "SRV",
            47, "NSEC", 255, "ANY");

    public DnsRecordType {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("record type is 16 bits: " + value);
        }
    }

    /** The type with this code, known or not. */
    public static DnsRecordType valueOf(int value) {
        return switch (value) {
            case 1 -> A;
            case 28 -> AAAA;
            case 255 -> ANY;
            default -> new DnsRecordType(value);
        };
    }

    /** The mnemonic, or {@code TYPE<n>} for types without one here (RFC 3597 §5). */
    @Override
    public String toString() {
        return NAMES.getOrDefault(value, "TYPE" + value);
    }
}
