package org.ortc4j.ice.internal.mdns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DNS message (RFC 1035 §4.1) as Multicast DNS uses it (RFC 6762 §18): the header's ID and
 * flags, and the question, answer, authority and additional sections.
 *
 * <p>{@link #decode} accepts any byte array and either returns a message or throws
 * {@link DnsParseException}; it reads at most {@link #MAX_MESSAGE_LENGTH} bytes' worth of
 * questions and records, and rejects counts the bytes cannot hold before reading any.
 *
 * @param id the ID; RFC 6762 §18.1: zero in multicast queries and responses
 * @param flags the 16 bits after the ID: QR, OPCODE, AA, TC, RD, RA, Z, AD, CD, RCODE, as on the wire
 * @param questions the question section
 * @param answers the answer section
 * @param authorities the authority section
 * @param additionals the additional section
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsResourceRecord> answers,
        List<DnsResourceRecord> authorities, List<DnsResourceRecord> additionals) {

    /**
     * RFC 6762 §17: "... a Multicast DNS packet, including IP and UDP headers, MUST NOT exceed
     * 9000 bytes." The DNS message alone is shorter still; this bound is what we accept.
     */
    public static final int MAX_MESSAGE_LENGTH = 9000;

    /** RFC 1035 §4.1.1: "A one bit field that specifies whether this message is a query (0), or a response (1)." */
    public static final int FLAG_RESPONSE = 0x8000;
    /** RFC 6762 §18.4: "In response messages for Multicast domains, the Authoritative Answer bit MUST be set to one". */
    public static final int FLAG_AUTHORITATIVE = 0x0400;
    /** RFC 1035 §4.1.1 TC; RFC 6762 §18.5: in a query, more Known-Answer records follow. */
    public static final int FLAG_TRUNCATED = 0x0200;

    private static final int HEADER_LENGTH = DnsNameCodec.HEADER_LENGTH;
    /** The smallest question: the root name (1 byte), QTYPE and QCLASS. */
    private static final int MIN_QUESTION_LENGTH = 5;
    /** The smallest record: the root name, TYPE, CLASS, TTL and RDLENGTH. */
    private static final int MIN_RECORD_LENGTH = 11;

    public DnsMessage {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("ID is 16 bits: " + id);
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags are 16 bits: " + flags);
        }
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
        for (List<?> section : List.of(questions, answers, authorities, additionals)) {
            if (section.size() > 0xFFFF) {
                throw new IllegalArgumentException("a section holds at most 65535 entries: " + section.size());
            }
        }
    }

    /**
     * A Multicast DNS query. RFC 6762 §18.1: "In multicast query messages, the Query Identifier
     * SHOULD be set to zero on transmission"; §18.2-§18.11: all flags zero.
     */
    public static DnsMessage query(List<DnsQuestion> questions) {
        return new DnsMessage(0, 0, questions, List.of(), List.of(), List.of());
    }

    /**
     * A Multicast DNS response. RFC 6762 §18.1: "In multicast responses ... the Query Identifier
     * MUST be set to zero on transmission"; §18.2: QR one; §18.4: AA one; §6: "Multicast DNS
     * responses MUST NOT contain any questions in the Question Section."
     */
    public static DnsMessage response(List<DnsResourceRecord> answers) {
        return new DnsMessage(0, FLAG_RESPONSE | FLAG_AUTHORITATIVE, List.of(), answers, List.of(), List.of());
    }

    /** Whether QR says response. */
    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    /** OPCODE; RFC 6762 §18.3: "Multicast DNS messages received with an OPCODE other than zero MUST be silently ignored." */
    public int opcode() {
        return (flags >>> 11) & 0xF;
    }

    /** RCODE; RFC 6762 §18.11: "Multicast DNS messages received with non-zero Response Codes MUST be silently ignored." */
    public int rcode() {
        return flags & 0xF;
    }

    /** The answer and additional sections together, where a querier looks for records (RFC 6762 §6). */
    public List<DnsResourceRecord> answersAndAdditionals() {
        List<DnsResourceRecord> all = new ArrayList<>(answers.size() + additionals.size());
        all.addAll(answers);
        all.addAll(additionals);
        return all;
    }

    /**
     * Decodes one message.
     *
     * @throws DnsParseException when the bytes are not a well-formed message, with the reason;
     *     never any other exception
     */
    public static DnsMessage decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_MESSAGE_LENGTH) {
            throw new DnsParseException(bytes.length + " bytes is longer than the largest Multicast DNS message ("
                    + MAX_MESSAGE_LENGTH + ")");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new DnsParseException(bytes.length + " bytes is shorter than the " + HEADER_LENGTH + "-byte header");
        }
        DnsReader reader = new DnsReader(bytes);
        int id = reader.u16("ID");
        int flags = reader.u16("flags");
        int qdcount = reader.u16("QDCOUNT");
        int ancount = reader.u16("ANCOUNT");
        int nscount = reader.u16("NSCOUNT");
        int arcount = reader.u16("ARCOUNT");
        long least = (long) qdcount * MIN_QUESTION_LENGTH + (long) (ancount + nscount + arcount) * MIN_RECORD_LENGTH;
        if (least > reader.remaining()) {
            throw new DnsParseException("counts " + qdcount + "/" + ancount + "/" + nscount + "/" + arcount
                    + " need at least " + least + " bytes but " + reader.remaining() + " follow the header");
        }
        List<DnsQuestion> questions = new ArrayList<>(qdcount);
        for (int i = 0; i < qdcount; i++) {
            questions.add(DnsQuestion.read(reader));
        }
        List<DnsResourceRecord> answers = readRecords(reader, ancount);
        List<DnsResourceRecord> authorities = readRecords(reader, nscount);
        List<DnsResourceRecord> additionals = readRecords(reader, arcount);
        // Bytes after the last record are ignored: RFC 1035 does not forbid them, and a message
        // whose sections all parse is usable.
        return new DnsMessage(id, flags, questions, answers, authorities, additionals);
    }

    private static List<DnsResourceRecord> readRecords(DnsReader reader, int count) {
        List<DnsResourceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(DnsResourceRecord.read(reader));
        }
        return records;
    }

    /** Encodes this message, compressing names (RFC 1035 §4.1.4). */
    public byte[] encode() {
        DnsWriter writer = new DnsWriter();
        writer.u16(id);
        writer.u16(flags);
        writer.u16(questions.size());
        writer.u16(answers.size());
        writer.u16(authorities.size());
        writer.u16(additionals.size());
        for (DnsQuestion question : questions) {
            question.write(writer);
        }
        for (List<DnsResourceRecord> section : List.of(answers, authorities, additionals)) {
            for (DnsResourceRecord record : section) {
                record.write(writer);
            }
        }
        return writer.toByteArray();
    }
}
