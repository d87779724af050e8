package org.ortc4j.ice.stun;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A STUN message: a type, a 96-bit transaction id and an ordered list of attributes (RFC 8489
 * §5, §14), with its codec.
 *
 * <pre>{@code
 * StunMessage request = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
 *         .attribute(new UsernameAttribute("remoteUfrag:localUfrag"))
 *         .attribute(new PriorityAttribute(1853824767L))
 *         .attribute(new IceControllingAttribute(tieBreaker))
 *         .messageIntegrity(MessageIntegrityKey.shortTerm(remotePassword))
 *         .fingerprint()
 *         .build();
 * byte[] datagram = request.encode();
 *
 * StunMessage received = StunMessage.decode(datagram);       // or StunParseException
 * boolean authentic = received.verifyFingerprint()
 *         && received.verifyMessageIntegrity(MessageIntegrityKey.shortTerm(localPassword));
 * }</pre>
 *
 * <p>Decoding checks the header as RFC 8489 §5 says and decodes each attribute into its class;
 * it throws {@link StunParseException} and nothing else for bad input. A decoded message keeps
 * the bytes it came from, and the integrity and fingerprint checks run on those bytes, so they
 * hold even when the sender padded with something other than zeros (as the RFC 5769 vectors do).
 * {@link #encode()} writes the canonical form: zero padding (RFC 8489 §14: "The padding bits MUST
 * be set to zero on sending and MUST be ignored by the receiver"), attributes in order, unknown
 * ones with their bytes as received.
 *
 * <p>Messages are immutable and thread-safe. Two messages are equal when type, transaction id
 * and attributes are equal; the bytes a message was decoded from are not part of equality.
 */
public final class StunMessage {

    /** RFC 8489 §5: "The Magic Cookie field MUST contain the fixed value 0x2112A442 in network byte order." */
    public static final int MAGIC_COOKIE = 0x2112A442;

    /** RFC 8489 §5: "All STUN messages comprise a 20-byte header followed by zero or more attributes." */
    public static final int HEADER_LENGTH = 20;

    /** The length of the transaction id in bytes: 96 bits. */
    public static final int TRANSACTION_ID_LENGTH = 12;

    /**
     * The longest input {@link #decode} looks at: the header and a 16-bit message length. (A
     * longer one is rejected before any other check; the length field, a multiple of 4, allows at
     * most 65532 bytes of attributes.)
     */
    public static final int MAX_MESSAGE_LENGTH = HEADER_LENGTH + 0xFFFF;

    private static final int MAX_BODY_LENGTH = 0xFFFC;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StunMessageType type;
    private final byte[] transactionId;
    private final List<StunAttribute> attributes;
    /** The bytes the message was decoded from, or its canonical encoding. */
    private final byte[] raw;
    /** Where each attribute (its type field) starts in {@link #raw}. */
    private final int[] offsets;

    private StunMessage(StunMessageType type, byte[] transactionId, List<StunAttribute> attributes, byte[] raw, int[] offsets) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = attributes;
        this.raw = raw;
        this.offsets = offsets;
    }

    // ---------------------------------------------------------------------------------------
    // Decoding

    /**
     * Decodes a whole array as one STUN message.
     *
     * @throws StunParseException if the bytes are not one well-formed STUN message
     */
    public static StunMessage decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        return decode(data, 0, data.length);
    }

    /**
     * Decodes the remaining bytes of a buffer, from its position to its limit, as one STUN
     * message. The buffer's position does not move.
     *
     * @throws StunParseException if the bytes are not one well-formed STUN message
     */
    public static StunMessage decode(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.hasArray()) {
            return decode(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        if (buffer.remaining() > MAX_MESSAGE_LENGTH) {
            throw tooLong(buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return decode(copy, 0, copy.length);
    }

    /**
     * Decodes {@code data[offset, offset + length)} as one STUN message: the region must hold
     * exactly the header and the number of attribute bytes the header announces.
     *
     * @throws StunParseException if the bytes are not one well-formed STUN message
     * @throws IndexOutOfBoundsException if the region is not inside {@code data}
     */
    public static StunMessage decode(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length > MAX_MESSAGE_LENGTH) {
            throw tooLong(length);
        }
        if (length < HEADER_LENGTH) {
            throw new StunParseException("message of " + length + " bytes is shorter than the 20-byte header");
        }
        // RFC 8489 §5: "The most significant 2 bits of every STUN message MUST be zeroes."
        if ((data[offset] & 0xC0) != 0) {
            throw new StunParseException(String.format("first byte 0x%02X does not start with two zero bits", data[offset] & 0xFF));
        }
        // RFC 8489 §5: "The message length MUST contain the size of the message in bytes, not
        // including the 20-byte STUN header. Since all STUN attributes are padded to a multiple
        // of 4 bytes, the last 2 bits of this field are always zero."
        int bodyLength = u16(data, offset + 2);
        if (bodyLength % 4 != 0) {
            throw new StunParseException("message length " + bodyLength + " is not a multiple of 4");
        }
        if (bodyLength != length - HEADER_LENGTH) {
            throw new StunParseException("message length field says " + bodyLength + " bytes of attributes but "
                    + (length - HEADER_LENGTH) + " follow the header");
        }
        // RFC 8489 §5: "The Magic Cookie field MUST contain the fixed value 0x2112A442 in network
        // byte order." (RFC 3489 messages, without it, are not accepted.)
        int cookie = (u16(data, offset + 4) << 16) | u16(data, offset + 6);
        if (cookie != MAGIC_COOKIE) {
            throw new StunParseException(String.format("magic cookie is 0x%08X, not 0x2112A442", cookie));
        }
        StunMessageType type = StunMessageType.valueOf(u16(data, offset) & 0x3FFF);
        byte[] raw = Arrays.copyOfRange(data, offset, offset + length);
        byte[] transactionId = Arrays.copyOfRange(raw, 8, HEADER_LENGTH);

        List<StunAttribute> attributes = new ArrayList<>();
        int[] offsets = new int[bodyLength / 4];
        int position = HEADER_LENGTH;
        while (position < length) {
            if (!attributes.isEmpty() && attributes.get(attributes.size() - 1) instanceof FingerprintAttribute) {
                // RFC 8489 §14.7: "When present, the FINGERPRINT attribute MUST be the last
                // attribute in the message".
                throw new StunParseException("FINGERPRINT is not the last attribute");
            }
            // Bodies are a multiple of 4 long and so is every padded attribute, so at least a
            // 4-byte attribute header is left here.
            StunAttributeType attributeType = StunAttributeType.valueOf(u16(raw, position));
            int valueLength = u16(raw, position + 2);
            int valueStart = position + 4;
            // RFC 8489 §14: "The value in the Length field MUST contain the length of the Value
            // part of the attribute, prior to padding, measured in bytes. [...] attributes whose
            // content is not a multiple of 4 bytes are padded with 1, 2, or 3 bytes of padding".
            int paddedLength = (valueLength + 3) & ~3;
            if (paddedLength > length - valueStart) {
                throw new StunParseException(attributeType + " at byte " + position + " with a value of " + valueLength
                        + " bytes runs past the end of the message");
            }
            AttributeValue value = new AttributeValue(raw, valueStart, valueLength, transactionId, attributeType);
            offsets[attributes.size()] = position;
            attributes.add(StunAttributeDecoder.decode(attributeType, value));
            // The padding bytes "MUST be ignored by the receiver" (RFC 8489 §14).
            position = valueStart + paddedLength;
        }
        return new StunMessage(type, transactionId, List.copyOf(attributes), raw, Arrays.copyOf(offsets, attributes.size()));
    }

    private static StunParseException tooLong(int length) {
        return new StunParseException("message of " + length + " bytes is longer than the largest STUN message ("
                + MAX_MESSAGE_LENGTH + " bytes)");
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }

    // ---------------------------------------------------------------------------------------
    // Construction and encoding

    /**
     * A message with exactly these attributes, in this order. MESSAGE-INTEGRITY,
     * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT attributes are taken as they are; use
     * {@link #newBuilder} to have them computed.
     *
     * @param transactionId 12 bytes
     * @throws IllegalArgumentException if the transaction id is not 12 bytes, a FINGERPRINT is
     *     not the last attribute, or the message would be longer than STUN allows
     */
    public static StunMessage of(StunMessageType type, byte[] transactionId, List<? extends StunAttribute> attributes) {
        Objects.requireNonNull(type, "type");
        byte[] id = checkTransactionId(transactionId);
        List<StunAttribute> list = List.copyOf(attributes);
        checkFingerprintLast(list);
        Writer writer = new Writer(type, id);
        for (StunAttribute attribute : list) {
            writer.append(attribute);
        }
        return writer.finish(list);
    }

    /** A builder for a message of this type, with a random transaction id unless one is given. */
    public static Builder newBuilder(StunMessageType type) {
        return new Builder(type);
    }

    /**
     * The canonical encoding: the header, then each attribute padded with zeros to a multiple of
     * 4 bytes. For a message that was built, these are the bytes its integrity and fingerprint
     * were computed over; for a decoded message they equal the input except for padding bytes.
     */
    public byte[] encode() {
        Writer writer = new Writer(type, transactionId);
        for (StunAttribute attribute : attributes) {
            writer.append(attribute);
        }
        return writer.finish(attributes).raw;
    }

    private static byte[] checkTransactionId(byte[] transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (transactionId.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id is " + transactionId.length + " bytes, not 12");
        }
        return transactionId.clone();
    }

    private static void checkFingerprintLast(List<StunAttribute> attributes) {
        for (int i = 0; i < attributes.size() - 1; i++) {
            if (attributes.get(i) instanceof FingerprintAttribute) {
                throw new IllegalArgumentException("FINGERPRINT must be the last attribute (RFC 8489 §14.7)");
            }
        }
    }

    /** Writes a message attribute by attribute, so that integrity can cover what precedes it. */
    private static final class Writer {
        private final StunMessageType type;
        private final byte[] transactionId;
        private byte[] buf = new byte[256];
        private int size;
        private final List<Integer> offsets = new ArrayList<>();

        Writer(StunMessageType type, byte[] transactionId) {
            this.type = type;
            this.transactionId = transactionId;
            int value = type.value();
            buf[0] = (byte) (value >> 8);
            buf[1] = (byte) value;
            buf[4] = (byte) (MAGIC_COOKIE >>> 24);
            buf[5] = (byte) (MAGIC_COOKIE >>> 16);
            buf[6] = (byte) (MAGIC_COOKIE >>> 8);
            buf[7] = (byte) MAGIC_COOKIE;
            System.arraycopy(transactionId, 0, buf, 8, TRANSACTION_ID_LENGTH);
            size = HEADER_LENGTH;
        }

        void append(StunAttribute attribute) {
            byte[] value = attribute.encodeValue(transactionId);
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException(attribute.type() + " value of " + value.length + " bytes does not fit");
            }
            int padded = (value.length + 3) & ~3;
            if (size - HEADER_LENGTH + 4 + padded > MAX_BODY_LENGTH) {
                throw new IllegalArgumentException("message would be longer than " + MAX_BODY_LENGTH
                        + " bytes of attributes, the most a STUN header can announce");
            }
            if (size + 4 + padded > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + 4 + padded));
            }
            offsets.add(size);
            int code = attribute.type().code();
            buf[size] = (byte) (code >> 8);
            buf[size + 1] = (byte) code;
            buf[size + 2] = (byte) (value.length >> 8);
            buf[size + 3] = (byte) value.length;
            System.arraycopy(value, 0, buf, size + 4, value.length);
            // Arrays.copyOf and new arrays are zero-filled: the padding is zeros.
            size += 4 + padded;
        }

        /** The HMAC over everything so far, the length field counting an attribute of {@code valueLength} more. */
        byte[] hmacOfPrefix(String algorithm, MessageIntegrityKey key, int valueLength) {
            return key.hmac(algorithm, buf, size, size - HEADER_LENGTH + 4 + valueLength);
        }

        /** The FINGERPRINT value over everything so far, the length field counting the FINGERPRINT. */
        int fingerprintOfPrefix() {
            setLength(size - HEADER_LENGTH + 8);
            return fingerprint(buf, size);
        }

        private void setLength(int bodyLength) {
            buf[2] = (byte) (bodyLength >> 8);
            buf[3] = (byte) bodyLength;
        }

        StunMessage finish(List<StunAttribute> attributes) {
            setLength(size - HEADER_LENGTH);
            int[] starts = new int[offsets.size()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = offsets.get(i);
            }
            return new StunMessage(type, transactionId.clone(), List.copyOf(attributes), Arrays.copyOf(buf, size), starts);
        }
    }

    // RFC 8489 §14.7: "The value of the attribute is computed as the CRC-32 of the STUN message
    // up to (but excluding) the FINGERPRINT attribute itself, XOR'ed with the 32-bit value
    // 0x5354554e." java.util.zip.CRC32 is the CRC-32 of ITU V.42 and RFC 1952 that it names.
    private static int fingerprint(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return (int) crc.getValue() ^ FingerprintAttribute.XOR_VALUE;
    }

    // ---------------------------------------------------------------------------------------
    // Accessors

    /** The message type (method and class). */
    public StunMessageType type() {
        return type;
    }

    /** A copy of the 12-byte transaction id. */
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** The attributes in message order, unmodifiable. */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    /**
     * The first attribute of this class.
     *
     * <p>RFC 8489 §14: "Any attribute type MAY appear more than once in a STUN message. Unless
     * specified otherwise, the order of appearance is significant: only the first occurrence
     * needs to be processed by a receiver, and any duplicates MAY be ignored by a receiver."
     *
     * <p>The attributes after MESSAGE-INTEGRITY (other than MESSAGE-INTEGRITY-SHA256 and
     * FINGERPRINT) are not covered by it; RFC 8489 §14.5 says to ignore them once the integrity
     * is checked.
     */
    public <A extends StunAttribute> Optional<A> attribute(Class<A> attributeClass) {
        for (StunAttribute attribute : attributes) {
            if (attributeClass.isInstance(attribute)) {
                return Optional.of(attributeClass.cast(attribute));
            }
        }
        return Optional.empty();
    }

    /** The first attribute of this type. */
    public Optional<StunAttribute> attribute(StunAttributeType attributeType) {
        for (StunAttribute attribute : attributes) {
            if (attribute.type().equals(attributeType)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /**
     * The types of the comprehension-required attributes this module does not know, each once, in
     * order of appearance: what a 420 (Unknown Attribute) error response lists in its
     * UNKNOWN-ATTRIBUTES.
     *
     * <p>RFC 8489 §6.3.1: "If the request contains one or more unknown comprehension-required
     * attributes, the server replies with an error response with an error code of 420 (Unknown
     * Attribute) and includes an UNKNOWN-ATTRIBUTES attribute in the response that lists the
     * unknown comprehension-required attributes."
     */
    public List<StunAttributeType> unknownComprehensionRequiredTypes() {
        Set<StunAttributeType> types = new LinkedHashSet<>();
        for (StunAttribute attribute : attributes) {
            if (attribute instanceof UnknownStunAttribute && attribute.type().isComprehensionRequired()) {
                types.add(attribute.type());
            }
        }
        return List.copyOf(types);
    }

    // ---------------------------------------------------------------------------------------
    // Integrity and fingerprint

    /**
     * Whether the first MESSAGE-INTEGRITY holds the HMAC-SHA1 of the message under this key;
     * {@code false} when there is none. The comparison takes the same time wherever the bytes
     * differ.
     *
     * <p>RFC 8489 §14.5: "when validating the MESSAGE-INTEGRITY, the Length field in the STUN
     * header must be adjusted to point to the end of the MESSAGE-INTEGRITY attribute prior to
     * calculating the HMAC over the STUN message, up to and including the attribute preceding the
     * MESSAGE-INTEGRITY attribute."
     */
    public boolean verifyMessageIntegrity(MessageIntegrityKey key) {
        Objects.requireNonNull(key, "key");
        int index = indexOf(StunAttributeType.MESSAGE_INTEGRITY);
        if (index < 0) {
            return false;
        }
        byte[] expected = key.hmac("HmacSHA1", raw, offsets[index],
                offsets[index] - HEADER_LENGTH + 4 + MessageIntegrityAttribute.LENGTH);
        byte[] actual = ((MessageIntegrityAttribute) attributes.get(index)).hmac();
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Whether the first MESSAGE-INTEGRITY-SHA256 holds the (possibly truncated) HMAC-SHA256 of the
     * message under this key; {@code false} when there is none. The comparison takes the same
     * time wherever the bytes differ.
     *
     * <p>RFC 8489 §14.6: "when validating the MESSAGE-INTEGRITY-SHA256, the Length field in the
     * STUN header must be adjusted to point to the end of the MESSAGE-INTEGRITY-SHA256 attribute
     * prior to calculating the HMAC over the STUN message, up to and including the attribute
     * preceding the MESSAGE-INTEGRITY-SHA256 attribute."
     */
    public boolean verifyMessageIntegritySha256(MessageIntegrityKey key) {
        Objects.requireNonNull(key, "key");
        int index = indexOf(StunAttributeType.MESSAGE_INTEGRITY_SHA256);
        if (index < 0) {
            return false;
        }
        byte[] actual = ((MessageIntegritySha256Attribute) attributes.get(index)).hmac();
        byte[] full = key.hmac("HmacSHA256", raw, offsets[index], offsets[index] - HEADER_LENGTH + 4 + actual.length);
        return MessageDigest.isEqual(Arrays.copyOf(full, actual.length), actual);
    }

    /**
     * Checks the message integrity as a receiver does: MESSAGE-INTEGRITY-SHA256 when the message
     * has one, otherwise MESSAGE-INTEGRITY; {@code false} when it has neither.
     *
     * <p>RFC 8489 §9.1.3 and §9.2.4 have a receiver use MESSAGE-INTEGRITY-SHA256 when it is
     * present and fall back to MESSAGE-INTEGRITY only when it is not.
     */
    public boolean verifyIntegrity(MessageIntegrityKey key) {
        if (indexOf(StunAttributeType.MESSAGE_INTEGRITY_SHA256) >= 0) {
            return verifyMessageIntegritySha256(key);
        }
        return verifyMessageIntegrity(key);
    }

    /** Whether the message has a MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 attribute. */
    public boolean hasIntegrity() {
        return indexOf(StunAttributeType.MESSAGE_INTEGRITY) >= 0 || indexOf(StunAttributeType.MESSAGE_INTEGRITY_SHA256) >= 0;
    }

    /**
     * Whether the message ends with a FINGERPRINT that matches its bytes; {@code false} when
     * there is none.
     *
     * <p>RFC 8489 §14.7: "the CRC used in the FINGERPRINT attribute covers the Length field from
     * the STUN message header. Therefore, prior to computation of the CRC, this value must be
     * correct and include the CRC attribute as part of the message length."
     */
    public boolean verifyFingerprint() {
        int last = attributes.size() - 1;
        if (last < 0 || !(attributes.get(last) instanceof FingerprintAttribute)) {
            return false;
        }
        return fingerprint(raw, offsets[last]) == ((FingerprintAttribute) attributes.get(last)).value();
    }

    private int indexOf(StunAttributeType attributeType) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).type().equals(attributeType)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StunMessage)) {
            return false;
        }
        StunMessage other = (StunMessage) o;
        return type.equals(other.type) && Arrays.equals(transactionId, other.transactionId)
                && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + Arrays.hashCode(transactionId)) * 31 + attributes.hashCode();
    }

    @Override
    public String toString() {
        return "StunMessage[" + type + ", transaction " + HexFormat.of().formatHex(transactionId) + ", " + attributes + "]";
    }

    /**
     * Builds a message; {@link #messageIntegrity}, {@link #messageIntegritySha256} and
     * {@link #fingerprint} add those attributes, computed, after the others and in that order.
     *
     * <p>RFC 8489 §14.7: the FINGERPRINT "MUST be the last attribute in the message and thus will
     * appear after MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256."
     */
    public static final class Builder {
        private final StunMessageType type;
        private byte[] transactionId;
        private final List<StunAttribute> attributes = new ArrayList<>();
        private MessageIntegrityKey integrityKey;
        private MessageIntegrityKey integritySha256Key;
        private boolean fingerprint;

        private Builder(StunMessageType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * The transaction id; without one, {@link #build()} picks a random one.
         *
         * <p>RFC 8489 §5: "The transaction ID MUST be uniformly and randomly chosen from the
         * interval 0 .. 2**96-1 and MUST be cryptographically random." A response copies the id
         * of its request.
         *
         * @throws IllegalArgumentException if it is not 12 bytes
         */
        public Builder transactionId(byte[] transactionId) {
            this.transactionId = checkTransactionId(transactionId);
            return this;
        }

        /** Appends an attribute. */
        public Builder attribute(StunAttribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /** Appends attributes, in order. */
        public Builder attributes(List<? extends StunAttribute> attributes) {
            attributes.forEach(this::attribute);
            return this;
        }

        /** Adds a MESSAGE-INTEGRITY computed with this key (RFC 8489 §14.5). */
        public Builder messageIntegrity(MessageIntegrityKey key) {
            this.integrityKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Adds a full 32-byte MESSAGE-INTEGRITY-SHA256 computed with this key (RFC 8489 §14.6). */
        public Builder messageIntegritySha256(MessageIntegrityKey key) {
            this.integritySha256Key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Adds a FINGERPRINT as the last attribute (RFC 8489 §14.7). */
        public Builder fingerprint() {
            this.fingerprint = true;
            return this;
        }

        /**
         * The message.
         *
         * @throws IllegalArgumentException if a FINGERPRINT would not be last, or the message
         *     would be longer than STUN allows
         */
        public StunMessage build() {
            byte[] id = transactionId != null ? transactionId : randomTransactionId();
            List<StunAttribute> all = new ArrayList<>(attributes);
            Writer writer = new Writer(type, id);
            for (StunAttribute attribute : attributes) {
                writer.append(attribute);
            }
            // RFC 8489 §14.5: "The text used as input to HMAC is the STUN message, up to and
            // including the attribute preceding the MESSAGE-INTEGRITY attribute. The Length field
            // of the STUN message header is adjusted to point to the end of the
            // MESSAGE-INTEGRITY attribute."
            if (integrityKey != null) {
                StunAttribute integrity = new MessageIntegrityAttribute(
                        writer.hmacOfPrefix("HmacSHA1", integrityKey, MessageIntegrityAttribute.LENGTH));
                writer.append(integrity);
                all.add(integrity);
            }
            // RFC 8489 §14.6: the same for MESSAGE-INTEGRITY-SHA256, "up to and including the
            // attribute preceding the MESSAGE-INTEGRITY-SHA256 attribute".
            if (integritySha256Key != null) {
                StunAttribute integrity = new MessageIntegritySha256Attribute(
                        writer.hmacOfPrefix("HmacSHA256", integritySha256Key, MessageIntegritySha256Attribute.LENGTH));
                writer.append(integrity);
                all.add(integrity);
            }
            // RFC 8489 §14.7: "If the MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 attribute is
            // also present, then it must be present with the correct message-integrity value
            // before the CRC is computed".
            if (fingerprint) {
                StunAttribute crc = new FingerprintAttribute(writer.fingerprintOfPrefix());
                writer.append(crc);
                all.add(crc);
            }
            checkFingerprintLast(all);
            return writer.finish(all);
        }

        private static byte[] randomTransactionId() {
            byte[] id = new byte[TRANSACTION_ID_LENGTH];
            RANDOM.nextBytes(id);
            return id;
        }
    }
}
