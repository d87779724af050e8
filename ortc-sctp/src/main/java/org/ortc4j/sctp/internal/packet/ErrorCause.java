package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An error cause of ABORT or ERROR (RFC 9260 §3.3.10): cause code and its bytes, kept as received;
 * factories build the causes this stack sends.
 *
 * @param code 16-bit cause code
 * @param information read-only view of the cause-specific information
 */
public record ErrorCause(int code, ByteBuffer information) implements Tlv {

    /** RFC 9260 §3.3.10.1. */
    public static final int INVALID_STREAM_IDENTIFIER = 1;
    /** RFC 9260 §3.3.10.2. */
    public static final int MISSING_MANDATORY_PARAMETER = 2;
    /** RFC 9260 §3.3.10.6. */
    public static final int UNRECOGNIZED_CHUNK_TYPE = 6;
    /** RFC 9260 §3.3.10.8. */
    public static final int UNRECOGNIZED_PARAMETERS = 8;
    /** RFC 9260 §3.3.10.9. */
    public static final int NO_USER_DATA = 9;
    /** RFC 9260 §3.3.10.12. */
    public static final int USER_INITIATED_ABORT = 12;
    /** RFC 9260 §3.3.10.13. */
    public static final int PROTOCOL_VIOLATION = 13;

    /** Validates the code and takes a read-only view. */
    public ErrorCause {
        Tlv.checkU16(code, "cause code");
        information = Tlv.view(information);
    }

    /** §3.3.10.1: 16-bit stream identifier, 16 reserved bits. */
    public static ErrorCause invalidStreamIdentifier(int streamIdentifier) {
        Tlv.checkU16(streamIdentifier, "stream identifier");
        return new ErrorCause(INVALID_STREAM_IDENTIFIER, ByteBuffer.allocate(4).putShort(0, (short) streamIdentifier));
    }

    /** §3.3.10.2: 32-bit number of missing parameters, then one 16-bit type each. */
    public static ErrorCause missingMandatoryParameter(List<Integer> parameterTypes) {
        ByteBuffer info = ByteBuffer.allocate(4 + 2 * parameterTypes.size()).putInt(parameterTypes.size());
        for (int type : parameterTypes) {
            Tlv.checkU16(type, "parameter type");
            info.putShort((short) type);
        }
        return new ErrorCause(MISSING_MANDATORY_PARAMETER, info.flip());
    }

    /** §3.3.10.6: the cause carries the whole unrecognized chunk, header included. */
    public static ErrorCause unrecognizedChunkType(Chunk chunk) {
        ByteBuffer encoded = ByteBuffer.wrap(chunk.encode(), 0, 4 + chunk.valueLength());
        return new ErrorCause(UNRECOGNIZED_CHUNK_TYPE, encoded);
    }

    /** §3.3.10.9: the TSN of the DATA chunk received with no user data. */
    public static ErrorCause noUserData(int tsn) {
        return new ErrorCause(NO_USER_DATA, ByteBuffer.allocate(4).putInt(0, tsn));
    }

    /** §3.3.10.12: the upper layer's abort reason, here as UTF-8. */
    public static ErrorCause userInitiatedAbort(String reason) {
        return new ErrorCause(USER_INITIATED_ABORT, ByteBuffer.wrap(reason.getBytes(StandardCharsets.UTF_8)));
    }

    /** §3.3.10.13: additional information, here as UTF-8. */
    public static ErrorCause protocolViolation(String information) {
        return new ErrorCause(PROTOCOL_VIOLATION, ByteBuffer.wrap(information.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the information read as UTF-8 text, for logs and user-initiated abort reasons */
    public String informationText() {
        return StandardCharsets.UTF_8.decode(information.duplicate()).toString();
    }

    @Override
    public int type() {
        return code;
    }

    /** @return a read-only view of the bytes, its own position and limit, so that readers do not disturb the chunk */
    @Override
    public ByteBuffer information() {
        return information.duplicate();
    }

    @Override
    public int valueLength() {
        return information.remaining();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.put(information.duplicate());
    }

    static List<ErrorCause> decodeList(ByteBuffer value, String chunk) throws SctpParseException {
        return Tlv.decodeList(value, ErrorCause::new, chunk + " error cause");
    }
}
