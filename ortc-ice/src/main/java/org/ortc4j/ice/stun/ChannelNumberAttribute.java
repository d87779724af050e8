package org.ortc4j.ice.stun;

/**
 * The number of a TURN channel (RFC 8656 §18.1).
 *
 * <p>RFC 8656 §18.1: "The CHANNEL-NUMBER attribute contains the number of the channel. The value
 * portion of this attribute is 4 bytes long and consists of a 16-bit unsigned integer followed by
 * a two-octet RFFU (Reserved For Future Use) field, which MUST be set to 0 on transmission and
 * MUST be ignored on reception." Whether the number is in the channel range 0x4000–0x4FFF
 * (RFC 8656 §12) is for the server to check and answer 400; the codec keeps any 16-bit value.
 *
 * @param channelNumber 0 to 0xFFFF
 */
public record ChannelNumberAttribute(int channelNumber) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if {@code channelNumber} does not fit in 16 bits
     */
    public ChannelNumberAttribute {
        if (channelNumber < 0 || channelNumber > 0xFFFF) {
            throw new IllegalArgumentException("CHANNEL-NUMBER " + channelNumber + " does not fit in 16 bits");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.CHANNEL_NUMBER;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[] {(byte) (channelNumber >> 8), (byte) channelNumber, 0, 0};
    }

    static ChannelNumberAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new ChannelNumberAttribute(value.u16(0));
    }

    @Override
    public String toString() {
        return String.format("CHANNEL-NUMBER[0x%04X]", channelNumber);
    }
}
