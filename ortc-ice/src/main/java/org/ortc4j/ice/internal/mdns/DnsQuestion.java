package org.ortc4j.ice.internal.mdns;

import java.util.Objects;

/**
 * One entry of a message's question section (RFC 1035 §4.1.2), with the Multicast DNS
 * unicast-response bit.
 *
 * @param name QNAME
 * @param type QTYPE
 * @param dnsClass QCLASS without its top bit: {@link #CLASS_IN} or {@link #CLASS_ANY} in practice
 * @param unicastResponse the top bit of QCLASS; RFC 6762 §5.4: "... the top bit in the class
 *     field of a DNS question as the unicast-response bit"; such a question is a "QU" question,
 *     otherwise a "QM" question
 */
public record DnsQuestion(DnsName name, DnsRecordType type, int dnsClass, boolean unicastResponse) {

    /** RFC 1035 §3.2.4: "the Internet". */
    public static final int CLASS_IN = 1;
    /** RFC 1035 §3.2.5: "any class" (QCLASS only). */
    public static final int CLASS_ANY = 255;

    /** The top bit of a (Q)CLASS field, which Multicast DNS gives a meaning of its own. */
    static final int TOP_BIT = 0x8000;

    public DnsQuestion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (dnsClass < 0 || dnsClass > 0x7FFF) {
            throw new IllegalArgumentException("class is 15 bits: " + dnsClass);
        }
    }

    /** A class IN question for {@code name} and {@code type}. */
    public static DnsQuestion of(DnsName name, DnsRecordType type, boolean unicastResponse) {
        return new DnsQuestion(name, type, CLASS_IN, unicastResponse);
    }

    /**
     * Whether {@code record} answers this question. RFC 6762 §6: "the record name must match the
     * question name, the record rrtype must match the question qtype unless the qtype is "ANY"
     * (255) or the rrtype is "CNAME" (5), and the record rrclass must match the question qclass
     * unless the qclass is "ANY" (255)."
     */
    public boolean isAnsweredBy(DnsResourceRecord record) {
        return record.name().sameAs(name)
                && (type.equals(DnsRecordType.ANY) || record.type().equals(type) || record.type().value() == 5)
                && (dnsClass == CLASS_ANY || record.dnsClass() == dnsClass);
    }

    static DnsQuestion read(DnsReader reader) {
        DnsName name = DnsNameCodec.read(reader);
        DnsRecordType type = DnsRecordType.valueOf(reader.u16("QTYPE"));
        int qclass = reader.u16("QCLASS");
        return new DnsQuestion(name, type, qclass & ~TOP_BIT, (qclass & TOP_BIT) != 0);
    }

    void write(DnsWriter writer) {
        DnsNameCodec.write(writer, name);
        writer.u16(type.value());
        writer.u16(dnsClass | (unicastResponse ? TOP_BIT : 0));
    }

    @Override
    public String toString() {
        return name + " " + type + " class " + dnsClass + (unicastResponse ? " QU" : " QM");
    }
}
