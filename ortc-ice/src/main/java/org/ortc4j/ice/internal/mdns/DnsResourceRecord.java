package org.ortc4j.ice.internal.mdns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource record (RFC 1035 §4.1.3) with the Multicast DNS cache-flush bit. A and AAAA
 * records are checked and read as addresses; the RDATA of any other type is kept as bytes,
 * uninterpreted (names compressed inside it point into the message it came from, so such a record
 * is for looking at, not for sending on).
 */
public final class DnsResourceRecord {

    /** RFC 2181 §8: the largest TTL; "... treat a TTL value received which has the most significant bit set as if the entire value received was zero." */
    public static final long MAX_TTL = 0x7FFF_FFFFL;

    private final DnsName name;
    private final DnsRecordType type;
    private final int dnsClass;
    private final boolean cacheFlush;
    private final long ttl;
    private final byte[] data;

    /**
     * @param name NAME
     * @param type TYPE
     * @param dnsClass CLASS without its top bit ({@link DnsQuestion#CLASS_IN} in practice)
     * @param cacheFlush the top bit of CLASS; RFC 6762 §10.2: "the top bit of the rrclass field in
     *     the resource record ... is used to indicate that the record is a member of a unique RRSet"
     * @param ttl TTL in seconds, 32 bits unsigned as on the wire
     * @param data RDATA (copied); 4 bytes for A, 16 for AAAA
     */
    public DnsResourceRecord(DnsName name, DnsRecordType type, int dnsClass, boolean cacheFlush, long ttl, byte[] data) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        if (dnsClass < 0 || dnsClass > 0x7FFF) {
            throw new IllegalArgumentException("class is 15 bits: " + dnsClass);
        }
        if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TTL is 32 bits unsigned: " + ttl);
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("RDATA is at most 65535 bytes: " + data.length);
        }
        String problem = addressDataProblem(type, data.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.dnsClass = dnsClass;
        this.cacheFlush = cacheFlush;
        this.ttl = ttl;
        this.data = data.clone();
    }

    /** An A record for an IPv4 address or an AAAA record for an IPv6 one, class IN. */
    public static DnsResourceRecord address(DnsName name, InetAddress address, long ttl, boolean cacheFlush) {
        DnsRecordType type = address instanceof Inet4Address ? DnsRecordType.A : DnsRecordType.AAAA;
        return new DnsResourceRecord(name, type, DnsQuestion.CLASS_IN, cacheFlush, ttl, address.getAddress());
    }

    public DnsName name() {
        return name;
    }

    public DnsRecordType type() {
        return type;
    }

    public int dnsClass() {
        return dnsClass;
    }

    public boolean cacheFlush() {
        return cacheFlush;
    }

    /** The TTL as on the wire, in seconds. */
    public long ttl() {
        return ttl;
    }

    /**
     * The TTL to cache for, in seconds. RFC 2181 §8: "Implementations should treat a TTL value
     * received which has the most significant bit set as if the entire value received was zero."
     */
    public long effectiveTtl() {
        return ttl > MAX_TTL ? 0 : ttl;
    }

    /** A copy of RDATA. */
    public byte[] data() {
        return data.clone();
    }

    /** The address of an A or AAAA record, or empty for any other type. */
    public Optional<InetAddress> address() {
        try {
            if (type.equals(DnsRecordType.A)) {
                return Optional.of(InetAddress.getByAddress(data));
            }
            if (type.equals(DnsRecordType.AAAA)) {
                // Inet6Address keeps an IPv4-mapped address as IPv6, as the record says; the
                // InetAddress factory would turn it into an Inet4Address.
                return Optional.of(Inet6Address.getByAddress(null, data, -1));
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("length checked on construction", e);
        }
        return Optional.empty();
    }

    /** The same record with another TTL and cache-flush bit. */
    public DnsResourceRecord with(long newTtl, boolean newCacheFlush) {
        return new DnsResourceRecord(name, type, dnsClass, newCacheFlush, newTtl, data);
    }

    static DnsResourceRecord read(DnsReader reader) {
        DnsName name = DnsNameCodec.read(reader);
        DnsRecordType type = DnsRecordType.valueOf(reader.u16("TYPE"));
        int rrclass = reader.u16("CLASS");
        long ttl = reader.u32("TTL");
        int rdlength = reader.u16("RDLENGTH");
        int at = reader.position();
        byte[] data = reader.bytes(rdlength, "RDATA of " + name + " " + type);
        String problem = addressDataProblem(type, rdlength);
        if (problem != null) {
            throw new DnsParseException(problem + " at byte " + at);
        }
        return new DnsResourceRecord(name, type, rrclass & ~DnsQuestion.TOP_BIT,
                (rrclass & DnsQuestion.TOP_BIT) != 0, ttl, data);
    }

    void write(DnsWriter writer) {
        DnsNameCodec.write(writer, name);
        writer.u16(type.value());
        writer.u16(dnsClass | (cacheFlush ? DnsQuestion.TOP_BIT : 0));
        writer.u32(ttl);
        writer.u16(data.length);
        writer.bytes(data);
    }

    /**
     * RFC 1035 §3.4.1: "A 32 bit Internet address"; RFC 3596 §2.2: "A 128 bit IPv6 address is
     * encoded in the data portion of an AAAA resource record".
     */
    private static String addressDataProblem(DnsRecordType type, int length) {
        if (type.equals(DnsRecordType.A) && length != 4) {
            return "A record with " + length + " bytes of data, expected 4";
        }
        if (type.equals(DnsRecordType.AAAA) && length != 16) {
            return "AAAA record with " + length + " bytes of data, expected 16";
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsResourceRecord record
                && record.name.equals(name)
                && record.type.equals(type)
                && record.dnsClass == dnsClass
                && record.cacheFlush == cacheFlush
                && record.ttl == ttl
                && Arrays.equals(record.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, dnsClass, cacheFlush, ttl, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        String rdata = address().map(InetAddress::getHostAddress).orElseGet(() -> HexFormat.of().formatHex(data));
        return name + " " + type + " class " + dnsClass + (cacheFlush ? " flush" : "") + " ttl " + ttl + " " + rdata;
    }
}
