package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The list of 16-bit stream numbers ending the RFC 6525 §4.1 and §4.2 reset requests. */
final class StreamList {

    private StreamList() {
    }

    static List<Integer> copy(List<Integer> streams) {
        List<Integer> copy = List.copyOf(streams);
        for (int s : copy) {
            Tlv.checkU16(s, "stream number");
        }
        return copy;
    }

    static void write(List<Integer> streams, ByteBuffer out) {
        for (int s : streams) {
            out.putShort((short) s);
        }
    }

    static List<Integer> decode(ByteBuffer value, String what) throws SctpParseException {
        if (value.remaining() % 2 != 0) {
            throw new SctpParseException(what + ": odd stream list length " + value.remaining());
        }
        List<Integer> streams = new ArrayList<>(value.remaining() / 2);
        while (value.hasRemaining()) {
            streams.add(Short.toUnsignedInt(value.getShort()));
        }
        return streams;
    }
}
