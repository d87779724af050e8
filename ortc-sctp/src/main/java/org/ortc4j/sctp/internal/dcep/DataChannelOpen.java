package org.ortc4j.sctp.internal.dcep;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCPriorityType;

/**
 * DATA_CHANNEL_OPEN (RFC 8832 §5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Message Type |  Channel Type |            Priority           |
 * |                    Reliability Parameter                      |
 * |         Label Length          |       Protocol Length         |
 * |                             Label                             |
 * |                            Protocol                           |
 * </pre>
 *
 * @param channelType ordering and reliability
 * @param priority the 16-bit priority field (RFC 8831 §6.4 values 128, 256, 512, 1024)
 * @param reliabilityParameter the unsigned 32-bit Reliability Parameter: retransmissions for
 *     REXMIT types, lifetime in milliseconds for TIMED types, ignored for reliable types
 * @param label the channel label, at most 65535 bytes of UTF-8
 * @param protocol the subprotocol, at most 65535 bytes of UTF-8
 */
public record DataChannelOpen(
        DataChannelType channelType, int priority, long reliabilityParameter, String label, String protocol)
        implements DcepMessage {

    /** The fixed part before the label: type, channel type, priority, parameter, two lengths. */
    static final int HEADER_LENGTH = 12;

    /** Checks the field ranges. */
    public DataChannelOpen {
        Objects.requireNonNull(channelType, "channelType");
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("priority out of range 0..65535: " + priority);
        }
        if (reliabilityParameter < 0 || reliabilityParameter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("reliability parameter out of range: " + reliabilityParameter);
        }
        RTCDataChannelInit.checkStringLength("label", label);
        RTCDataChannelInit.checkStringLength("protocol", protocol);
    }

    /**
     * The OPEN a channel created with {@code createDataChannel(label, init)} sends (RFC 8832 §5.1,
     * RFC 8831 §6.4 for the priority).
     *
     * @throws IllegalArgumentException if {@code label} is longer than 65535 bytes of UTF-8
     */
    public static DataChannelOpen fromInit(String label, RTCDataChannelInit init) {
        DataChannelType.Reliability reliability;
        long parameter;
        if (init.maxRetransmits() != null) {
            reliability = DataChannelType.Reliability.REXMIT;
            parameter = init.maxRetransmits();
        } else if (init.maxPacketLifeTime() != null) {
            reliability = DataChannelType.Reliability.TIMED;
            parameter = init.maxPacketLifeTime();
        } else {
            reliability = DataChannelType.Reliability.RELIABLE;
            parameter = 0;
        }
        return new DataChannelOpen(DataChannelType.of(init.ordered(), reliability),
                init.priority().wireValue(), parameter, label, init.protocol());
    }

    /**
     * The options of the channel this OPEN announces, as the receiving side's
     * {@code RTCDataChannel} reports them: not negotiated, with the stream id it arrived on. A
     * Reliability Parameter above 65535 (the W3C attributes are unsigned short) reads as 65535.
     *
     * @param streamId the SCTP stream the OPEN arrived on, 0 to 65534
     */
    public RTCDataChannelInit toInit(int streamId) {
        Integer limit = (int) Math.min(reliabilityParameter, 0xFFFF);
        return RTCDataChannelInit.builder()
                .ordered(channelType.ordered())
                .maxRetransmits(channelType.reliability() == DataChannelType.Reliability.REXMIT ? limit : null)
                .maxPacketLifeTime(channelType.reliability() == DataChannelType.Reliability.TIMED ? limit : null)
                .protocol(protocol)
                .negotiated(false)
                .id(streamId)
                .priority(RTCPriorityType.fromWireValue(priority))
                .build();
    }

    @Override
    public int messageType() {
        return TYPE_OPEN;
    }

    @Override
    public byte[] encode() {
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        byte[] protocolBytes = protocol.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + labelBytes.length + protocolBytes.length);
        out.put((byte) TYPE_OPEN);
        out.put((byte) channelType.code());
        out.putShort((short) priority);
        out.putInt((int) reliabilityParameter);
        out.putShort((short) labelBytes.length);
        out.putShort((short) protocolBytes.length);
        out.put(labelBytes);
        out.put(protocolBytes);
        return out.array();
    }

    /** Decodes a message whose first byte is {@link #TYPE_OPEN}. */
    static DataChannelOpen decode(byte[] payload) {
        if (payload.length < HEADER_LENGTH) {
            throw new DcepParseException("DATA_CHANNEL_OPEN of " + payload.length + " bytes; the header alone is "
                    + HEADER_LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.get(); // message type, checked by the caller
        DataChannelType type = DataChannelType.fromCode(in.get() & 0xFF);
        int priority = in.getShort() & 0xFFFF;
        long parameter = in.getInt() & 0xFFFF_FFFFL;
        int labelLength = in.getShort() & 0xFFFF;
        int protocolLength = in.getShort() & 0xFFFF;
        // RFC 8832 §5.1 gives the label and protocol lengths; the message is exactly that long.
        // Bytes left over would mean the lengths lie, so the message is rejected rather than guessed at.
        int expected = HEADER_LENGTH + labelLength + protocolLength;
        if (payload.length != expected) {
            throw new DcepParseException("DATA_CHANNEL_OPEN of " + payload.length + " bytes; its lengths say "
                    + expected);
        }
        String label = utf8(payload, HEADER_LENGTH, labelLength, "label");
        String protocol = utf8(payload, HEADER_LENGTH + labelLength, protocolLength, "protocol");
        return new DataChannelOpen(type, priority, parameter, label, protocol);
    }

    private static String utf8(byte[] bytes, int offset, int length, String what) {
        // RFC 8832 §5.1: the Label and Protocol are "UTF-8 encoded" strings; malformed UTF-8 is
        // rejected, not replaced, so the label the user sees is the one the peer sent.
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DcepParseException(what + " is not valid UTF-8");
        }
    }
}
