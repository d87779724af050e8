package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SR: sender report (RFC 3550 §6.4.1), packet type 200: sender info, up to 31 reception report
 * blocks and a profile-specific extension (kept as bytes).
 *
 * @param ssrc the sender's SSRC
 * @param ntpTimestamp the 64-bit NTP timestamp (32.32 fixed point)
 * @param rtpTimestamp the RTP timestamp of the same instant, unsigned 32 bits
 * @param packetCount the sender's packet count, unsigned 32 bits
 * @param octetCount the sender's payload octet count, unsigned 32 bits
 * @param reportBlocks up to 31 reception report blocks
 * @param profileExtension profile-specific extension, a whole number of 32-bit words (usually empty)
 */
public record SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reportBlocks, byte[] profileExtension) implements RtcpPacket {

    /** @throws IllegalArgumentException if a field does not fit its width or there are more than 31 blocks */
    public SenderReport {
        ReportBlock.checkU32(rtpTimestamp, "RTP timestamp");
        ReportBlock.checkU32(packetCount, "packet count");
        ReportBlock.checkU32(octetCount, "octet count");
        reportBlocks = List.copyOf(reportBlocks);
        RtcpHeader.checkCount(reportBlocks.size(), "report blocks");
        if (profileExtension.length % 4 != 0) {
            throw new IllegalArgumentException("profile-specific extensions are whole 32-bit words");
        }
        profileExtension = profileExtension.clone();
    }

    /** A sender report without profile-specific extension. */
    public SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
            List<ReportBlock> reportBlocks) {
        this(ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, reportBlocks, new byte[0]);
    }

    static SenderReport read(int count, RtcpReader in) throws RtpParseException {
        int ssrc = in.s32("SSRC of sender");
        long ntp = in.s64("NTP timestamp");
        long rtp = in.u32("RTP timestamp");
        long packets = in.u32("sender's packet count");
        long octets = in.u32("sender's octet count");
        // RFC 3550 §6.4.1 RC: "The number of reception report blocks contained in this packet."
        in.need(count * ReportBlock.LENGTH, count + " report blocks");
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(in));
        }
        if (in.remaining() % 4 != 0) {
            throw in.error("profile-specific extension of " + in.remaining() + " bytes is not whole 32-bit words");
        }
        return new SenderReport(ssrc, ntp, rtp, packets, octets, blocks, in.bytes(in.remaining(), "extension"));
    }

    @Override
    public byte[] profileExtension() {
        return profileExtension.clone();
    }

    @Override
    public int packetType() {
        return SR;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 24 + ReportBlock.LENGTH * reportBlocks.size() + profileExtension.length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, reportBlocks.size(), SR, encodedLength());
        out.putInt(ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        for (ReportBlock block : reportBlocks) {
            block.write(out);
        }
        out.put(profileExtension);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SenderReport r && ssrc == r.ssrc && ntpTimestamp == r.ntpTimestamp
                && rtpTimestamp == r.rtpTimestamp && packetCount == r.packetCount && octetCount == r.octetCount
                && reportBlocks.equals(r.reportBlocks) && Arrays.equals(profileExtension, r.profileExtension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ssrc, ntpTimestamp, rtpTimestamp, reportBlocks) * 31 + Arrays.hashCode(profileExtension);
    }

    @Override
    public String toString() {
        return "SenderReport[ssrc=" + Integer.toUnsignedString(ssrc) + ", ntp=" + Long.toHexString(ntpTimestamp)
                + ", rtp=" + rtpTimestamp + ", packets=" + packetCount + ", octets=" + octetCount
                + ", blocks=" + reportBlocks + ", extension=" + profileExtension.length + " bytes]";
    }
}
