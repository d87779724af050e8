package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * PLI: picture loss indication (RFC 4585 §6.3.1), payload-specific feedback (PT 206, FMT 1).
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc SSRC of the media source that lost a picture
 */
public record PictureLossIndication(int senderSsrc, int mediaSsrc) implements RtcpPacket {

    /** RFC 4585 §6.3.1: FMT 1. */
    public static final int FMT = 1;

    static PictureLossIndication read(RtcpReader in) throws RtpParseException {
        PictureLossIndication pli = new PictureLossIndication(in.s32("sender SSRC"), in.s32("media SSRC"));
        // RFC 4585 §6.3.1: "PLI does not require parameters. Therefore, the length field MUST be 2".
        in.requireEnd("a PLI's SSRCs (it has no FCI)");
        return pli;
    }

    @Override
    public int packetType() {
        return PSFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_SSRCS;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, FMT, PSFB, encodedLength());
        out.putInt(senderSsrc);
        out.putInt(mediaSsrc);
    }
}
