package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * XR: extended report (RFC 3611 §2), packet type 207: report blocks from one source.
 *
 * @param ssrc the SSRC of the packet's originator
 * @param blocks the report blocks, in packet order
 */
public record ExtendedReport(int ssrc, List<XrBlock> blocks) implements RtcpPacket {

    /** Copies the blocks. */
    public ExtendedReport {
        blocks = List.copyOf(blocks);
    }

    static ExtendedReport read(RtcpReader in) throws RtpParseException {
        int ssrc = in.s32("XR SSRC");
        List<XrBlock> blocks = new ArrayList<>();
        while (in.remaining() > 0) {
            blocks.add(XrBlock.read(in));
        }
        return new ExtendedReport(ssrc, blocks);
    }

    @Override
    public int packetType() {
        return XR;
    }

    @Override
    public int encodedLength() {
        int length = RtcpHeader.LENGTH + 4;
        for (XrBlock block : blocks) {
            length += block.encodedLength();
        }
        return length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        // RFC 3611 §2: the 5 bits after P are reserved, "MUST be set to zero".
        RtcpHeader.write(out, false, 0, XR, encodedLength());
        out.putInt(ssrc);
        for (XrBlock block : blocks) {
            block.writeTo(out);
        }
    }
}
