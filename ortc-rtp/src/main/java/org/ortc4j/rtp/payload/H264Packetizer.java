package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 payloads (RFC 6184). Takes an access unit as an Annex B byte stream (start codes, as
 * encoders write it) and sends its NAL units in the chosen packetization mode:
 *
 * <ul>
 *   <li>{@link H264PacketizationMode#SINGLE_NAL_UNIT}: one NAL unit per payload (RFC 6184 §5.6);
 *       a NAL unit larger than the maximum payload size cannot be sent.
 *   <li>{@link H264PacketizationMode#NON_INTERLEAVED}: consecutive NAL units that fit together go
 *       in one STAP-A (RFC 6184 §5.7.1), so SPS and PPS travel with a small IDR or by themselves
 *       ahead of a large one; a NAL unit larger than the maximum payload size is split into FU-A
 *       fragments (RFC 6184 §5.8); any other NAL unit goes alone.
 * </ul>
 *
 * <p>Access unit delimiters and filler data are dropped: they carry nothing a receiver needs. The
 * packetizer remembers the last SPS and PPS it sent and sends them again before an IDR picture that
 * comes without them, so that every key frame can be decoded on its own. The marker bit goes on the
 * last payload of the access unit (RFC 6184 §5.1: "Set for the very last packet of the access unit
 * indicated by the RTP timestamp").
 */
public final class H264Packetizer implements RtpPacketizer {

    private static final int STAP_A_HEADER_SIZE = 1;
    private static final int STAP_A_LENGTH_SIZE = 2;
    private static final int FU_A_HEADER_SIZE = 2;

    private final H264PacketizationMode mode;
    private byte[] sps;
    private byte[] pps;

    /** @param mode the packetization mode both sides agreed on in SDP */
    public H264Packetizer(H264PacketizationMode mode) {
        this.mode = mode;
    }

    /** The packetization mode. */
    public H264PacketizationMode mode() {
        return mode;
    }

    /**
     * Splits an access unit into payloads.
     *
     * @throws IllegalArgumentException if the frame is not an Annex B byte stream, holds no NAL
     *     units to send, or (mode 0) holds a NAL unit larger than {@code maxPayloadSize}
     */
    @Override
    public List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize) {
        if (maxPayloadSize < FU_A_HEADER_SIZE + 1) {
            throw new IllegalArgumentException("maxPayloadSize too small for H.264: " + maxPayloadSize);
        }
        ByteBuffer source = frame.duplicate();
        AnnexBNalUnits units = AnnexBNalUnits.split(source);
        List<ByteBuffer> nals = new ArrayList<>(units.count() + 2);
        boolean hasSps = false;
        boolean hasPps = false;
        boolean hasIdr = false;
        for (int i = 0; i < units.count(); i++) {
            int type = units.type(i);
            hasSps |= type == H264NalUnit.SPS;
            hasPps |= type == H264NalUnit.PPS;
            hasIdr |= type == H264NalUnit.IDR_SLICE;
        }
        if (hasIdr) {
            if (!hasSps && sps != null) {
                nals.add(ByteBuffer.wrap(sps));
            }
            if (!hasPps && pps != null) {
                nals.add(ByteBuffer.wrap(pps));
            }
        }
        for (int i = 0; i < units.count(); i++) {
            int type = units.type(i);
            if (type == H264NalUnit.ACCESS_UNIT_DELIMITER || type == H264NalUnit.FILLER_DATA) {
                continue;
            }
            if (type == H264NalUnit.SPS) {
                sps = units.copy(i);
            } else if (type == H264NalUnit.PPS) {
                pps = units.copy(i);
            }
            nals.add(source.slice(units.start(i), units.length(i)));
        }
        if (nals.isEmpty()) {
            throw new IllegalArgumentException("H.264 frame holds no NAL units to send");
        }
        List<RtpPayload> payloads = new ArrayList<>();
        if (mode == H264PacketizationMode.SINGLE_NAL_UNIT) {
            for (ByteBuffer nal : nals) {
                if (nal.remaining() > maxPayloadSize) {
                    throw new IllegalArgumentException("NAL unit of " + nal.remaining()
                            + " bytes exceeds max payload size " + maxPayloadSize + " in packetization-mode 0");
                }
                payloads.add(single(nal));
            }
        } else {
            int i = 0;
            while (i < nals.size()) {
                int end = aggregationEnd(nals, i, maxPayloadSize);
                if (end - i >= 2) {
                    payloads.add(stapA(nals, i, end));
                    i = end;
                } else if (nals.get(i).remaining() <= maxPayloadSize) {
                    payloads.add(single(nals.get(i)));
                    i++;
                } else {
                    fuA(nals.get(i), maxPayloadSize, payloads);
                    i++;
                }
            }
        }
        RtpPayload last = payloads.get(payloads.size() - 1);
        payloads.set(payloads.size() - 1, last.withMarker());
        return payloads;
    }

    /** The end (exclusive) of the longest run of NAL units from {@code from} that fits one STAP-A. */
    private static int aggregationEnd(List<ByteBuffer> nals, int from, int maxPayloadSize) {
        int size = STAP_A_HEADER_SIZE;
        int end = from;
        while (end < nals.size()) {
            int length = nals.get(end).remaining();
            if (length > 0xFFFF || size + STAP_A_LENGTH_SIZE + length > maxPayloadSize) {
                break;
            }
            size += STAP_A_LENGTH_SIZE + length;
            end++;
        }
        return end;
    }

    private static RtpPayload single(ByteBuffer nal) {
        byte[] bytes = new byte[nal.remaining()];
        nal.duplicate().get(bytes);
        return new RtpPayload(bytes, false, 0);
    }

    private static RtpPayload stapA(List<ByteBuffer> nals, int from, int end) {
        int size = STAP_A_HEADER_SIZE;
        int forbidden = 0;
        int nri = 0;
        for (int i = from; i < end; i++) {
            ByteBuffer nal = nals.get(i);
            size += STAP_A_LENGTH_SIZE + nal.remaining();
            int header = nal.get(nal.position()) & 0xFF;
            forbidden |= header & 0x80;
            nri = Math.max(nri, header & 0x60);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        // RFC 6184 §5.7: "The F bit MUST be cleared if all F bits of the aggregated NAL units are
        // zero; otherwise, it MUST be set." "The value of NRI MUST be the maximum of all the NAL
        // units carried in the aggregation packet."
        out.put((byte) (forbidden | nri | H264NalUnit.STAP_A));
        for (int i = from; i < end; i++) {
            ByteBuffer nal = nals.get(i);
            // RFC 6184 §5.7.1: each NAL unit is preceded by "a 16-bit unsigned size information
            // (in network byte order) that indicates the size of the following NAL unit in bytes".
            out.putShort((short) nal.remaining());
            out.put(nal.duplicate());
        }
        return new RtpPayload(out.array(), false, 0);
    }

    private static void fuA(ByteBuffer nal, int maxPayloadSize, List<RtpPayload> payloads) {
        ByteBuffer data = nal.duplicate();
        int header = data.get() & 0xFF;
        int chunk = maxPayloadSize - FU_A_HEADER_SIZE;
        // RFC 6184 §5.8: the FU indicator carries the F and NRI of the fragmented NAL unit and type
        // 28; the FU header carries S, E, R = 0 and the NAL unit's own type. The NAL unit header
        // byte itself is not sent: the receiver rebuilds it from those two bytes.
        int indicator = (header & 0xE0) | H264NalUnit.FU_A;
        int type = header & 0x1F;
        boolean first = true;
        while (data.hasRemaining()) {
            int length = Math.min(chunk, data.remaining());
            byte[] bytes = new byte[FU_A_HEADER_SIZE + length];
            bytes[0] = (byte) indicator;
            boolean last = length == data.remaining();
            bytes[1] = (byte) ((first ? 0x80 : 0) | (last ? 0x40 : 0) | type);
            data.get(bytes, FU_A_HEADER_SIZE, length);
            payloads.add(new RtpPayload(bytes, false, 0));
            first = false;
        }
    }
}
