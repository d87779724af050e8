package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * REMB: receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb-03 §2.2), an
 * application-layer feedback message (PT 206, FMT 15) whose FCI starts with "REMB".
 *
 * <p>The bitrate is sent as an 18-bit mantissa and a 6-bit exponent; {@link #encode} takes the
 * smallest exponent, so a bitrate that needs more than 18 significant bits is rounded down.
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc draft §2.2: "always 0"; kept as received
 * @param bitrate the estimated total bitrate in bits per second
 * @param ssrcs the media sources the estimate applies to, up to 255
 */
public record Remb(int senderSsrc, int mediaSsrc, long bitrate, List<Integer> ssrcs) implements RtcpPacket {

    /** RFC 4585 §6.4: application layer feedback is FMT 15. */
    public static final int FMT = 15;
    /** draft-alvestrand-rmcat-remb-03 §2.2: the unique identifier 'R' 'E' 'M' 'B'. */
    static final int IDENTIFIER = 0x52454D42;

    private static final int MAX_MANTISSA = 0x3FFFF;

    /** @throws IllegalArgumentException if bitrate is negative or there are more than 255 SSRCs */
    public Remb {
        if (bitrate < 0) {
            throw new IllegalArgumentException("bitrate must not be negative: " + bitrate);
        }
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("a REMB names at most 255 SSRCs");
        }
    }

    /** Whether a PSFB FMT 15 body (after the two SSRCs) is a REMB. */
    static boolean isRemb(ByteBuffer body) {
        return body.remaining() >= RtcpHeader.FEEDBACK_SSRCS + 4
                && body.getInt(body.position() + RtcpHeader.FEEDBACK_SSRCS) == IDENTIFIER;
    }

    static Remb read(RtcpReader in) throws RtpParseException {
        int sender = in.s32("sender SSRC");
        int media = in.s32("media SSRC");
        in.skip(4, "REMB identifier");
        int count = in.u8("REMB number of SSRCs");
        int exponentAndMantissa = in.u24("REMB bitrate");
        // draft §2.2: "BR Exp (6 bits): The exponential scaling of the mantissa ... BR Mantissa (18 bits)".
        int exponent = exponentAndMantissa >>> 18;
        long mantissa = exponentAndMantissa & MAX_MANTISSA;
        long bitrate = mantissa << exponent;
        if (bitrate < 0 || bitrate >>> exponent != mantissa) {
            throw in.error("REMB bitrate " + mantissa + " * 2^" + exponent + " overflows 63 bits");
        }
        in.need(4 * count, count + " REMB SSRCs");
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(in.s32("REMB SSRC"));
        }
        in.requireEnd("the REMB SSRC list");
        return new Remb(sender, media, bitrate, ssrcs);
    }

    @Override
    public int packetType() {
        return PSFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_SSRCS + 8 + 4 * ssrcs.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, FMT, PSFB, encodedLength());
        out.putInt(senderSsrc);
        out.putInt(mediaSsrc);
        out.putInt(IDENTIFIER);
        int exponent = 0;
        while ((bitrate >>> exponent) > MAX_MANTISSA) {
            exponent++;
        }
        out.putInt(ssrcs.size() << 24 | exponent << 18 | (int) (bitrate >>> exponent));
        for (int ssrc : ssrcs) {
            out.putInt(ssrc);
        }
    }
}
