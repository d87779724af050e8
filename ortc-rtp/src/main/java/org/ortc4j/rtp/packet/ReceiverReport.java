package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * RR: receiver report (RFC 3550 §6.4.2), packet type 201: up to 31 reception report blocks and a
 * profile-specific extension (kept as bytes).
 *
 * @param ssrc the SSRC of the packet sender
 * @param reportBlocks up to 31 reception report blocks
 * @param profileExtension profile-specific extension, a whole number of 32-bit words (usually empty)
 */
public record ReceiverReport(int ssrc, List<ReportBlock> reportBlocks, byte[] profileExtension) implements RtcpPacket {

    /** @throws IllegalArgumentException if there are more than 31 blocks or the extension is not whole words */
    public ReceiverReport {
        reportBlocks = List.copyOf(reportBlocks);
        RtcpHeader.checkCount(reportBlocks.size(), "report blocks");
        if (profileExtension.length % 4 != 0) {
            throw new IllegalArgumentException("profile-specific extensions are whole 32-bit words");
        }
        profileExtension = profileExtension.clone();
    }

    /** A receiver report without profile-specific extension. */
    public ReceiverReport(int ssrc, List<ReportBlock> reportBlocks) {
        this(ssrc, reportBlocks, new byte[0]);
    }

    static ReceiverReport read(int count, RtcpReader in) throws RtpParseException {
        int ssrc = in.s32("SSRC of packet sender");
        in.need(count * ReportBlock.LENGTH, count + " report blocks");
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(in));
        }
        if (in.remaining() % 4 != 0) {
            throw in.error("profile-specific extension of " + in.remaining() + " bytes is not whole 32-bit words");
        }
        return new ReceiverReport(ssrc, blocks, in.bytes(in.remaining(), "extension"));
    }

    @Override
    public byte[] profileExtension() {
        return profileExtension.clone();
    }

    @Override
    public int packetType() {
        return RR;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 4 + ReportBlock.LENGTH * reportBlocks.size() + profileExtension.length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, reportBlocks.size(), RR, encodedLength());
        out.putInt(ssrc);
        for (ReportBlock block : reportBlocks) {
            block.write(out);
        }
        out.put(profileExtension);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiverReport r && ssrc == r.ssrc && reportBlocks.equals(r.reportBlocks)
                && Arrays.equals(profileExtension, r.profileExtension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ssrc, reportBlocks) * 31 + Arrays.hashCode(profileExtension);
    }

    @Override
    public String toString() {
        return "ReceiverReport[ssrc=" + Integer.toUnsignedString(ssrc) + ", blocks=" + reportBlocks
                + ", extension=" + profileExtension.length + " bytes]";
    }
}
