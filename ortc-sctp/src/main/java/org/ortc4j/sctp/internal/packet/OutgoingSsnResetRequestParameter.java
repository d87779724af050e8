package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Outgoing SSN Reset Request parameter (RFC 6525 §4.1).
 *
 * @param requestSequenceNumber identifies the request
 * @param responseSequenceNumber the last incoming request this one answers
 * @param sendersLastAssignedTsn the next TSN the sender will assign, minus 1
 * @param streams the 16-bit streams to reset; empty means all
 */
public record OutgoingSsnResetRequestParameter(int requestSequenceNumber, int responseSequenceNumber,
        int sendersLastAssignedTsn, List<Integer> streams) implements Parameter {

    /** Validates and copies the streams. */
    public OutgoingSsnResetRequestParameter {
        streams = StreamList.copy(streams);
    }

    @Override
    public int type() {
        return ParameterType.OUTGOING_SSN_RESET_REQUEST;
    }

    @Override
    public int valueLength() {
        return 12 + 2 * streams.size();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(requestSequenceNumber).putInt(responseSequenceNumber).putInt(sendersLastAssignedTsn);
        StreamList.write(streams, out);
    }

    static OutgoingSsnResetRequestParameter decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectAtLeast(value, 12, "Outgoing SSN Reset Request");
        return new OutgoingSsnResetRequestParameter(value.getInt(), value.getInt(), value.getInt(),
                StreamList.decode(value, "Outgoing SSN Reset Request"));
    }
}
