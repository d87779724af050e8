package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * Builds an RTP packet (RFC 3550 §5.1) to send: fixed header, CSRCs, RFC 8285 header extension
 * elements, payload and padding. Writes into a caller's buffer ({@link #writeTo}) or an exactly
 * sized array ({@link #toByteArray}). Not thread-safe; reusable after changes.
 *
 * <p>The extension form is chosen unless {@link #extensionProfile} fixes it: the one-byte form
 * (RFC 8285 §4.2) when every id is 1 to 14 and every value 1 to 16 bytes long, else the two-byte
 * form (RFC 8285 §4.3), which the peer must accept ({@code a=extmap-allow-mixed}). Never both
 * forms in one packet.
 */
public final class RtpPacketBuilder {

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private int ssrc;
    // Arrays, not lists: no boxing per packet on the send path.
    private final int[] csrcs = new int[15];
    private int csrcCount;
    private int extensionProfile = -1;
    private int[] extensionIds = new int[4];
    private byte[][] extensionValues = new byte[4][];
    private int extensionCount;
    private byte[] opaqueExtension;
    private ByteBuffer payload = ByteBuffer.allocate(0);
    private int paddingLength;

    RtpPacketBuilder() {
    }

    /** Sets the marker bit. */
    public RtpPacketBuilder marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    /** Sets the payload type, 0 to 127. */
    public RtpPacketBuilder payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0 to 127, not " + payloadType);
        }
        this.payloadType = payloadType;
        return this;
    }

    /** Sets the sequence number, 0 to 65535. */
    public RtpPacketBuilder sequenceNumber(int sequenceNumber) {
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number must be 0 to 65535, not " + sequenceNumber);
        }
        this.sequenceNumber = sequenceNumber;
        return this;
    }

    /** Sets the timestamp, an unsigned 32-bit value. */
    public RtpPacketBuilder timestamp(long timestamp) {
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp must be an unsigned 32-bit value, not " + timestamp);
        }
        this.timestamp = timestamp;
        return this;
    }

    /** Sets the synchronization source. */
    public RtpPacketBuilder ssrc(int ssrc) {
        this.ssrc = ssrc;
        return this;
    }

    /** Appends a contributing source; at most 15 (RFC 3550 §5.1 CC is 4 bits). */
    public RtpPacketBuilder addCsrc(int csrc) {
        if (csrcCount == 15) {
            throw new IllegalStateException("RFC 3550 §5.1: at most 15 CSRCs");
        }
        csrcs[csrcCount++] = csrc;
        return this;
    }

    /**
     * Fixes the extension form: {@link RtpPacket#ONE_BYTE_PROFILE}, or {@link
     * RtpPacket#TWO_BYTE_PROFILE} with appbits in its low 4 bits. With no element added, the packet
     * still carries an empty extension of that profile.
     */
    public RtpPacketBuilder extensionProfile(int profile) {
        if (profile != RtpPacket.ONE_BYTE_PROFILE && (profile & ~0xF) != RtpPacket.TWO_BYTE_PROFILE) {
            throw new IllegalArgumentException("not an RFC 8285 profile: 0x" + Integer.toHexString(profile));
        }
        this.extensionProfile = profile;
        this.opaqueExtension = null;
        return this;
    }

    /**
     * Appends an RFC 8285 extension element.
     *
     * @param id the element's id, 1 to 255 (RFC 8285 §4.3; 1 to 14 in the one-byte form)
     * @param value its data, 0 to 255 bytes (1 to 16 in the one-byte form); copied
     */
    public RtpPacketBuilder addExtension(int id, byte[] value) {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension id must be 1 to 255 (RFC 8285 §4.3), not " + id);
        }
        if (value.length > 255) {
            throw new IllegalArgumentException("extension value of " + value.length + " bytes is longer than 255 (RFC 8285 §4.3)");
        }
        opaqueExtension = null;
        if (extensionCount == extensionIds.length) {
            extensionIds = java.util.Arrays.copyOf(extensionIds, 2 * extensionCount);
            extensionValues = java.util.Arrays.copyOf(extensionValues, 2 * extensionCount);
        }
        extensionIds[extensionCount] = id;
        extensionValues[extensionCount++] = value.clone();
        return this;
    }

    /**
     * Sets a profile-defined header extension (RFC 3550 §5.3.1) that is not RFC 8285's, replacing any
     * elements.
     *
     * @param profile its 16-bit profile field
     * @param data its data, a whole number of 32-bit words; copied
     */
    public RtpPacketBuilder opaqueExtension(int profile, byte[] data) {
        if (profile < 0 || profile > 0xFFFF || data.length % 4 != 0 || data.length > 4 * 0xFFFF) {
            throw new IllegalArgumentException("extension needs a 16-bit profile and whole 32-bit words");
        }
        extensionCount = 0;
        extensionProfile = profile;
        opaqueExtension = data.clone();
        return this;
    }

    /** Sets the payload: the bytes from the buffer's position to its limit, read when the packet is written. */
    public RtpPacketBuilder payload(ByteBuffer payload) {
        this.payload = payload.duplicate();
        return this;
    }

    /** Sets the payload; the array is read when the packet is written. */
    public RtpPacketBuilder payload(byte[] payload) {
        return payload(ByteBuffer.wrap(payload));
    }

    /** Sets the number of padding bytes to append, 0 to 255, the last of which holds the count. */
    public RtpPacketBuilder paddingLength(int paddingLength) {
        if (paddingLength < 0 || paddingLength > 255) {
            throw new IllegalArgumentException("padding length must be 0 to 255, not " + paddingLength);
        }
        this.paddingLength = paddingLength;
        return this;
    }

    private int profile() {
        if (extensionProfile >= 0) {
            return extensionProfile;
        }
        if (extensionCount == 0) {
            return -1;
        }
        for (int i = 0; i < extensionCount; i++) {
            if (!fitsOneByte(i)) {
                return RtpPacket.TWO_BYTE_PROFILE;
            }
        }
        return RtpPacket.ONE_BYTE_PROFILE;
    }

    private boolean fitsOneByte(int index) {
        // RFC 8285 §4.2: ids 1-14, and "a length field value of 0 indicates that one byte of data
        // follows, and a value of 15 (the maximum) indicates element data of 16 bytes".
        int length = extensionValues[index].length;
        return extensionIds[index] <= 14 && length >= 1 && length <= 16;
    }

    private int extensionDataLength(int profile) {
        if (profile < 0) {
            return 0;
        }
        if (opaqueExtension != null) {
            return opaqueExtension.length;
        }
        int headerPerElement = profile == RtpPacket.ONE_BYTE_PROFILE ? 1 : 2;
        int length = 0;
        for (int i = 0; i < extensionCount; i++) {
            length += headerPerElement + extensionValues[i].length;
        }
        // RFC 3550 §5.3.1: the extension length counts 32-bit words; RFC 8285 pads with zero bytes.
        return (length + 3) & ~3;
    }

    /**
     * The size of the packet in bytes.
     *
     * @throws IllegalStateException if an element does not fit the one-byte form fixed by {@link #extensionProfile}
     */
    public int size() {
        int profile = profile();
        checkForm(profile);
        return RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcCount + (profile < 0 ? 0 : 4 + extensionDataLength(profile))
                + payload.remaining() + paddingLength;
    }

    private void checkForm(int profile) {
        if (profile == RtpPacket.ONE_BYTE_PROFILE && opaqueExtension == null) {
            for (int i = 0; i < extensionCount; i++) {
                if (!fitsOneByte(i)) {
                    throw new IllegalStateException("extension id " + extensionIds[i] + " with "
                            + extensionValues[i].length + " bytes does not fit the one-byte form (RFC 8285 §4.2)");
                }
            }
        }
    }

    /**
     * Writes the packet at the buffer's position, advancing it by {@link #size()}.
     *
     * @throws java.nio.BufferOverflowException if the buffer has less room than {@link #size()}
     */
    public void writeTo(ByteBuffer out) {
        int profile = profile();
        checkForm(profile);
        int size = size();
        if (out.remaining() < size) {
            throw new java.nio.BufferOverflowException();
        }
        // RFC 3550 §5.1: V=2, P, X, CC; M, PT; sequence number; timestamp; SSRC; CSRC list.
        out.put((byte) (0x80 | (paddingLength > 0 ? 0x20 : 0) | (profile >= 0 ? 0x10 : 0) | csrcCount));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt(ssrc);
        for (int i = 0; i < csrcCount; i++) {
            out.putInt(csrcs[i]);
        }
        if (profile >= 0) {
            int dataLength = extensionDataLength(profile);
            out.putShort((short) profile);
            out.putShort((short) (dataLength / 4));
            if (opaqueExtension != null) {
                out.put(opaqueExtension);
            } else {
                int written = 0;
                for (int i = 0; i < extensionCount; i++) {
                    byte[] value = extensionValues[i];
                    if (profile == RtpPacket.ONE_BYTE_PROFILE) {
                        out.put((byte) (extensionIds[i] << 4 | (value.length - 1)));
                        written += 1;
                    } else {
                        out.put((byte) extensionIds[i]);
                        out.put((byte) value.length);
                        written += 2;
                    }
                    out.put(value);
                    written += value.length;
                }
                for (; written < dataLength; written++) {
                    out.put((byte) 0);
                }
            }
        }
        out.put(payload.duplicate());
        if (paddingLength > 0) {
            for (int i = 1; i < paddingLength; i++) {
                out.put((byte) 0);
            }
            out.put((byte) paddingLength);
        }
    }

    /** The packet as an exactly sized array. */
    public byte[] toByteArray() {
        byte[] packet = new byte[size()];
        writeTo(ByteBuffer.wrap(packet));
        return packet;
    }

    /** The packet as a view over a new exactly sized buffer. */
    public RtpPacket build() {
        try {
            return RtpPacket.parse(ByteBuffer.wrap(toByteArray()));
        } catch (RtpParseException e) {
            throw new IllegalStateException("the builder wrote a packet it cannot parse", e);
        }
    }
}
