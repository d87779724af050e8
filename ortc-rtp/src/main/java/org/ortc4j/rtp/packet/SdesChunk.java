package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk of a source description (RFC 3550 §6.5): an SSRC or CSRC and its items.
 *
 * @param ssrc the source the items describe
 * @param items its items, in packet order
 */
public record SdesChunk(int ssrc, List<SdesItem> items) {

    /** Copies items. */
    public SdesChunk {
        items = List.copyOf(items);
    }

    int encodedLength() {
        int length = 4;
        for (SdesItem item : items) {
            length += item.encodedLength();
        }
        // RFC 3550 §6.5: "The list of items in each chunk MUST be terminated by one or more null
        // octets, ... followed by null octets if necessary to reach the next 32-bit boundary."
        return (length + 4) & ~3;
    }

    static SdesChunk read(RtcpReader in) throws RtpParseException {
        int start = in.position();
        int ssrc = in.s32("SDES chunk SSRC");
        List<SdesItem> items = new ArrayList<>();
        while (true) {
            int type = in.u8("SDES item type");
            if (type == 0) {
                // RFC 3550 §6.5: the null octet ends the list; skip to the next 32-bit boundary.
                int used = in.position() - start;
                in.skip((4 - used % 4) % 4, "SDES chunk padding");
                return new SdesChunk(ssrc, items);
            }
            int length = in.u8("SDES item length");
            items.add(new SdesItem(type, in.bytes(length, "SDES item")));
        }
    }

    void write(ByteBuffer out) {
        int start = out.position();
        out.putInt(ssrc);
        for (SdesItem item : items) {
            byte[] value = item.value();
            out.put((byte) item.type());
            out.put((byte) value.length);
            out.put(value);
        }
        int end = start + encodedLength();
        while (out.position() < end) {
            out.put((byte) 0);
        }
    }
}
