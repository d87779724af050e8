package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Incoming SSN Reset Request parameter (RFC 6525 §4.2).
 *
 * @param requestSequenceNumber identifies the request
 * @param streams the 16-bit streams the peer is asked to reset; empty means all
 */
public record IncomingSsnResetRequestParameter(int requestSequenceNumber, List<Integer> streams) implements Parameter {

    /** Validates and copies the streams. */
    public IncomingSsnResetRequestParameter {
        streams = StreamList.copy(streams);
    }

    @Override
    public int type() {
        return ParameterType.INCOMING_SSN_RESET_REQUEST;
    }

    @Override
    public int valueLength() {
        return 4 + 2 * streams.size();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(requestSequenceNumber);
        StreamList.write(streams, out);
    }

    static IncomingSsnResetRequestParameter decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectAtLeast(value, 4, "Incoming SSN Reset Request");
        return new IncomingSsnResetRequestParameter(value.getInt(), StreamList.decode(value, "Incoming SSN Reset Request"));
    }
}
