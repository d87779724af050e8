package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Generic NACK (RFC 4585 §6.2.1): transport-layer feedback (PT 205, FMT 1) asking for lost RTP
 * packets. On the wire each FCI entry is a packet id (PID) and a bitmask of the 16 following lost
 * packets (BLP); this value is the list of lost sequence numbers.
 *
 * <p>{@link #encode} packs the list in its order, as libwebrtc does: a number within 16 after the
 * current entry's PID sets a BLP bit, any other starts a new entry. Two NACKs are equal when they
 * ask for the same set of packets, whatever the order or duplicates.
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc SSRC of the media source the lost packets belong to
 * @param lostPackets the lost sequence numbers, 0 to 65535, at least one
 */
public record GenericNack(int senderSsrc, int mediaSsrc, int[] lostPackets) implements RtcpPacket {

    /** RFC 4585 §6.2.1: FMT 1. */
    public static final int FMT = 1;

    /** @throws IllegalArgumentException if the list is empty or holds a number outside 0..65535 */
    public GenericNack {
        // RFC 4585 §6.2.1: "The FCI field MUST contain at least one and MAY contain more than one Generic NACK."
        if (lostPackets.length == 0) {
            throw new IllegalArgumentException("a generic NACK names at least one packet");
        }
        lostPackets = lostPackets.clone();
        for (int seq : lostPackets) {
            if (seq < 0 || seq > 0xFFFF) {
                throw new IllegalArgumentException("sequence numbers are 16 bits, not " + seq);
            }
        }
    }

    static GenericNack read(RtcpReader in) throws RtpParseException {
        int sender = in.s32("sender SSRC");
        int media = in.s32("media SSRC");
        if (in.remaining() == 0 || in.remaining() % 4 != 0) {
            throw in.error("generic NACK FCI of " + in.remaining() + " bytes is not one or more 4-byte entries");
        }
        int[] lost = new int[17 * (in.remaining() / 4)];
        int n = 0;
        while (in.remaining() > 0) {
            // RFC 4585 §6.2.1: "PID: Packet ID ... BLP: bitmask of following lost packets ... bit i
            // of the BLP is set to 1 if ... packet (PID+i+1) ... was lost".
            int pid = in.u16("PID");
            int blp = in.u16("BLP");
            lost[n++] = pid;
            for (int i = 0; i < 16; i++) {
                if ((blp & (1 << i)) != 0) {
                    lost[n++] = (pid + i + 1) & 0xFFFF;
                }
            }
        }
        return new GenericNack(sender, media, Arrays.copyOf(lost, n));
    }

    @Override
    public int[] lostPackets() {
        return lostPackets.clone();
    }

    /** The FCI entries as PID &lt;&lt; 16 | BLP. */
    private int[] entries() {
        int[] entries = new int[lostPackets.length];
        int n = 0;
        for (int seq : lostPackets) {
            if (n > 0) {
                int pid = entries[n - 1] >>> 16;
                int distance = (seq - pid) & 0xFFFF;
                if (distance == 0) {
                    continue;
                }
                if (distance <= 16) {
                    entries[n - 1] |= 1 << (distance - 1);
                    continue;
                }
            }
            entries[n++] = seq << 16;
        }
        return Arrays.copyOf(entries, n);
    }

    @Override
    public int packetType() {
        return RTPFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_SSRCS + 4 * entries().length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int[] entries = entries();
        RtcpHeader.write(out, false, FMT, RTPFB, RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_SSRCS + 4 * entries.length);
        out.putInt(senderSsrc);
        out.putInt(mediaSsrc);
        for (int entry : entries) {
            out.putInt(entry);
        }
    }

    private int[] distinctSorted() {
        return Arrays.stream(lostPackets).distinct().sorted().toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericNack g && senderSsrc == g.senderSsrc && mediaSsrc == g.mediaSsrc
                && Arrays.equals(distinctSorted(), g.distinctSorted());
    }

    @Override
    public int hashCode() {
        return Objects.hash(senderSsrc, mediaSsrc) * 31 + Arrays.hashCode(distinctSorted());
    }

    @Override
    public String toString() {
        return "GenericNack[sender=" + Integer.toUnsignedString(senderSsrc) + ", media="
                + Integer.toUnsignedString(mediaSsrc) + ", lost=" + Arrays.toString(lostPackets) + "]";
    }
}
