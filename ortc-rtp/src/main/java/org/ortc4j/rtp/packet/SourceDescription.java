package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * SDES: source description (RFC 3550 §6.5), packet type 202: up to 31 chunks of items.
 *
 * @param chunks the chunks, in packet order
 */
public record SourceDescription(List<SdesChunk> chunks) implements RtcpPacket {

    /** @throws IllegalArgumentException if there are more than 31 chunks */
    public SourceDescription {
        chunks = List.copyOf(chunks);
        RtcpHeader.checkCount(chunks.size(), "SDES chunks");
    }

    static SourceDescription read(int count, RtcpReader in) throws RtpParseException {
        // RFC 3550 §6.5 SC: "The number of SSRC/CSRC chunks contained in this SDES packet."
        in.need(8 * count, count + " SDES chunks");
        List<SdesChunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunks.add(SdesChunk.read(in));
        }
        in.requireEnd("the last SDES chunk");
        return new SourceDescription(chunks);
    }

    @Override
    public int packetType() {
        return SDES;
    }

    @Override
    public int encodedLength() {
        int length = RtcpHeader.LENGTH;
        for (SdesChunk chunk : chunks) {
            length += chunk.encodedLength();
        }
        return length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, chunks.size(), SDES, encodedLength());
        for (SdesChunk chunk : chunks) {
            chunk.write(out);
        }
    }
}
