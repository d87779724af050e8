package org.ortc4j.ice.internal.mdns;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes domain names in DNS messages (RFC 1035 §3.1, §4.1.4), with message
 * compression.
 *
 * <p>Reading is bounded whatever the input: RFC 1035 §4.1.4 allows a pointer to any earlier
 * occurrence of a name, and every compressor writes pointers to names it has already written, so
 * each pointer must point before the start of the stretch of labels that led to it. That rules
 * out loops and forward pointers, and each jump strictly decreases the read position's lower
 * bound, so a name is read in at most {@code message length} steps.
 */
final class DnsNameCodec {

    /** RFC 1035 §4.1.1: the header is 12 bytes; no name starts inside it. */
    static final int HEADER_LENGTH = 12;

    private DnsNameCodec() {
    }

    /** Reads the name at the reader's position and leaves the reader after it (after the first pointer, if any). */
    static DnsName read(DnsReader reader) {
        byte[] data = reader.data();
        int start = reader.position();
        int position = start;
        int segmentStart = start;
        int resumeAt = -1;
        int wireLength = 1;
        List<String> labels = new ArrayList<>();
        while (true) {
            if (position >= data.length) {
                throw new DnsParseException("name starting at byte " + start + " runs past the end of the message");
            }
            int length = data[position] & 0xff;
            switch (length & 0xC0) {
                case 0x00 -> {
                    if (length == 0) {
                        reader.position(resumeAt >= 0 ? resumeAt : position + 1);
                        return DnsName.ofLabels(labels);
                    }
                    if (position + 1 + length > data.length) {
                        throw new DnsParseException("label of " + length + " bytes at byte " + position
                                + " runs past the end of the message");
                    }
                    // RFC 1035 §3.1: "the total length of a domain name (i.e., label octets and
                    // label length octets) is restricted to 255 octets or less."
                    wireLength += 1 + length;
                    if (wireLength > DnsName.MAX_NAME_LENGTH) {
                        throw new DnsParseException("name starting at byte " + start + " is longer than "
                                + DnsName.MAX_NAME_LENGTH + " bytes");
                    }
                    labels.add(utf8(data, position + 1, length));
                    position += 1 + length;
                }
                case 0xC0 -> {
                    if (position + 2 > data.length) {
                        throw new DnsParseException("compression pointer at byte " + position
                                + " runs past the end of the message");
                    }
                    // RFC 1035 §4.1.4: "The OFFSET field specifies an offset from the start of
                    // the message (i.e., the first octet of the ID field in the domain header)."
                    int target = ((length & 0x3F) << 8) | (data[position + 1] & 0xff);
                    if (target < HEADER_LENGTH) {
                        throw new DnsParseException("compression pointer at byte " + position
                                + " points into the header (offset " + target + ")");
                    }
                    if (target >= segmentStart) {
                        throw new DnsParseException("compression pointer at byte " + position + " to offset " + target
                                + " does not point back before byte " + segmentStart + " (a loop or forward pointer)");
                    }
                    if (resumeAt < 0) {
                        resumeAt = position + 2;
                    }
                    segmentStart = target;
                    position = target;
                }
                default -> throw new DnsParseException(String.format(
                        "label type 0x%02X at byte %d is not a length or a pointer (RFC 6891 §5: extended label types are deprecated)",
                        length & 0xC0, position));
            }
        }
    }

    /**
     * Writes {@code name}, replacing its longest suffix already in the message by a pointer to it
     * (RFC 1035 §4.1.4: "a domain name in a message can be represented as ... a sequence of labels
     * ending with a pointer").
     */
    static void write(DnsWriter writer, DnsName name) {
        List<String> labels = name.labels();
        for (int i = 0; i < labels.size(); i++) {
            List<String> suffix = labels.subList(i, labels.size());
            int offset = writer.offsetOf(suffix);
            if (offset >= 0) {
                writer.u16(0xC000 | offset);
                return;
            }
            writer.remember(suffix, writer.size());
            byte[] label = labels.get(i).getBytes(StandardCharsets.UTF_8);
            writer.u8(label.length);
            writer.bytes(label);
        }
        writer.u8(0);
    }

    /** RFC 6762 §16: "Multicast DNS uses UTF-8, and only UTF-8, to encode resource record names." */
    private static String utf8(byte[] data, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DnsParseException("label at byte " + (offset - 1) + " is not valid UTF-8");
        }
    }
}
