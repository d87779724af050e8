package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * FIR: full intra request (RFC 5104 §4.3.1), payload-specific feedback (PT 206, FMT 4).
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc RFC 5104 §4.3.1: "not used and SHALL be set to 0"; kept as received
 * @param entries one or more FCI entries
 */
public record FullIntraRequest(int senderSsrc, int mediaSsrc, List<Entry> entries) implements RtcpPacket {

    /** RFC 5104 §4.3.1: FMT 4. */
    public static final int FMT = 4;

    /**
     * One FIR FCI entry (RFC 5104 §4.3.1.1).
     *
     * @param ssrc the media sender asked for a decoder refresh point
     * @param sequenceNumber the command sequence number, 0 to 255
     */
    public record Entry(int ssrc, int sequenceNumber) {

        /** @throws IllegalArgumentException if sequenceNumber is not 0 to 255 */
        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new IllegalArgumentException("FIR sequence number is 8 bits, not " + sequenceNumber);
            }
        }
    }

    /** @throws IllegalArgumentException if entries is empty */
    public FullIntraRequest {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a FIR has at least one entry");
        }
    }

    static FullIntraRequest read(RtcpReader in) throws RtpParseException {
        int sender = in.s32("sender SSRC");
        int media = in.s32("media SSRC");
        // RFC 5104 §4.3.1.2: "The FCI field MUST contain one or more FIR entries", 8 bytes each.
        if (in.remaining() == 0 || in.remaining() % 8 != 0) {
            throw in.error("FIR FCI of " + in.remaining() + " bytes is not one or more 8-byte entries");
        }
        List<Entry> entries = new ArrayList<>(in.remaining() / 8);
        while (in.remaining() > 0) {
            int ssrc = in.s32("FIR SSRC");
            int seq = in.u8("FIR sequence number");
            in.skip(3, "FIR reserved");
            entries.add(new Entry(ssrc, seq));
        }
        return new FullIntraRequest(sender, media, entries);
    }

    @Override
    public int packetType() {
        return PSFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_SSRCS + 8 * entries.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, FMT, PSFB, encodedLength());
        out.putInt(senderSsrc);
        out.putInt(mediaSsrc);
        for (Entry entry : entries) {
            out.putInt(entry.ssrc());
            // RFC 5104 §4.3.1.1: "Reserved: All bits SHALL be set to 0 by the sender".
            out.putInt(entry.sequenceNumber() << 24);
        }
    }
}
