package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * H.264 payloads (RFC 6184, packetization modes 0 and 1): single NAL unit packets, STAP-A and FU-A
 * become an Annex B byte stream, every NAL unit preceded by the start code 0x00000001. STAP-B,
 * MTAP and FU-B (interleaved mode only) are rejected.
 *
 * <p>The depacketizer remembers the last SPS and PPS it saw on the stream and puts them before an
 * IDR picture that arrives without them, so that a decoder can start at any key frame.
 */
public final class H264Depacketizer implements RtpDepacketizer {

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private byte[] sps;
    private byte[] pps;

    /** Makes a depacketizer for one H.264 stream. */
    public H264Depacketizer() {}

    @Override
    public byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException {
        if (payloads.isEmpty()) {
            throw new RtpPayloadException("no payloads");
        }
        // Pass 1 checks the payloads and measures the frame; pass 2 writes it into an exactly
        // sized array, after room for the parameter sets it may lack.
        Writer measure = new Writer(null, 0);
        readPayloads(payloads, measure);
        boolean idr = measure.seen(H264NalUnit.IDR_SLICE);
        byte[] prependSps = idr && !measure.seen(H264NalUnit.SPS) ? sps : null;
        byte[] prependPps = idr && !measure.seen(H264NalUnit.PPS) ? pps : null;
        long prefix = (prependSps == null ? 0 : START_CODE.length + prependSps.length)
                + (prependPps == null ? 0 : START_CODE.length + prependPps.length);
        if (prefix + measure.length > Integer.MAX_VALUE - 8) {
            throw new RtpPayloadException("frame too large");
        }
        Writer out = new Writer(new byte[(int) (prefix + measure.length)], 0);
        if (prependSps != null) {
            out.startNalUnit(H264NalUnit.SPS);
            out.write(prependSps);
        }
        if (prependPps != null) {
            out.startNalUnit(H264NalUnit.PPS);
            out.write(prependPps);
        }
        readPayloads(payloads, out);
        if (out.spsStart >= 0) {
            sps = Arrays.copyOfRange(out.bytes, out.spsStart, out.spsEnd);
        }
        if (out.ppsStart >= 0) {
            pps = Arrays.copyOfRange(out.bytes, out.ppsStart, out.ppsEnd);
        }
        return out.bytes;
    }

    private static void readPayloads(List<ByteBuffer> payloads, Writer out) throws RtpPayloadException {
        boolean inFragment = false;
        for (int p = 0; p < payloads.size(); p++) {
            ByteBuffer payload = payloads.get(p);
            PayloadReader reader = new PayloadReader(payload);
            int header = reader.readUnsignedByte("H.264 NAL unit header");
            int type = H264NalUnit.type(header);
            if (inFragment && type != H264NalUnit.FU_A) {
                throw new RtpPayloadException("FU-A fragments end without the E bit before payload " + p);
            }
            if (type >= H264NalUnit.NON_IDR_SLICE && type <= 23) {
                // RFC 6184 §5.6: a single NAL unit packet carries exactly one NAL unit.
                out.startNalUnit(type);
                out.write(payload, payload.position(), payload.remaining());
            } else if (type == H264NalUnit.STAP_A) {
                readStapA(reader, payload, out);
            } else if (type == H264NalUnit.FU_A) {
                inFragment = readFuA(header, reader, payload, out, inFragment);
            } else if (type == H264NalUnit.STAP_B || type == H264NalUnit.MTAP16 || type == H264NalUnit.MTAP24
                    || type == H264NalUnit.FU_B) {
                throw new RtpPayloadException("H.264 packet type " + type + " needs packetization-mode 2");
            } else {
                // RFC 6184 §5.2 Table 1: types 0, 30 and 31 are reserved or undefined.
                throw new RtpPayloadException("H.264 packet type " + type + " is undefined");
            }
        }
        if (inFragment) {
            throw new RtpPayloadException("FU-A fragments end without the E bit");
        }
        out.endNalUnit();
    }

    private static void readStapA(PayloadReader reader, ByteBuffer payload, Writer out) throws RtpPayloadException {
        if (!reader.hasRemaining()) {
            throw new RtpPayloadException("STAP-A holds no NAL units");
        }
        while (reader.hasRemaining()) {
            // RFC 6184 §5.7.1: "a 16-bit unsigned size information (in network byte order) that
            // indicates the size of the following NAL unit in bytes (excluding these two octets...)".
            int size = reader.readUnsignedShort("STAP-A NAL unit size");
            if (size == 0) {
                throw new RtpPayloadException("STAP-A NAL unit of size 0");
            }
            int start = reader.skip(size, "STAP-A NAL unit");
            out.startNalUnit(H264NalUnit.type(payload.get(start)));
            out.write(payload, start, size);
        }
    }

    /** Returns whether a fragmented NAL unit is still open after this FU-A. */
    private static boolean readFuA(int indicator, PayloadReader reader, ByteBuffer payload, Writer out, boolean inFragment)
            throws RtpPayloadException {
        int fuHeader = reader.readUnsignedByte("FU header");
        boolean start = (fuHeader & 0x80) != 0;
        boolean end = (fuHeader & 0x40) != 0;
        // RFC 6184 §5.8: "A fragmented NAL unit MUST NOT be transmitted in one FU; that is, the
        // Start bit and End bit MUST NOT both be set to one in the same FU header."
        if (start && end) {
            throw new RtpPayloadException("FU-A with both S and E bits set");
        }
        if (start == inFragment) {
            throw new RtpPayloadException(start ? "FU-A start inside a fragmented NAL unit" : "FU-A fragment without its start");
        }
        if (!reader.hasRemaining()) {
            throw new RtpPayloadException("FU-A without payload");
        }
        int type = fuHeader & 0x1F;
        if (start) {
            // RFC 6184 §5.8: the NAL unit header is rebuilt from F and NRI of the FU indicator and
            // the type of the FU header.
            out.startNalUnit(type);
            out.writeByte((indicator & 0xE0) | type);
        } else if (out.currentType() != type) {
            throw new RtpPayloadException("FU-A fragment of type " + type + " continues a NAL unit of type " + out.currentType());
        }
        out.write(payload, reader.index(), reader.remaining());
        return !end;
    }

    /**
     * Whether the payload starts a NAL unit: a single NAL unit packet, a STAP-A, or the first FU-A
     * fragment. (H.264 payloads do not say which NAL unit starts an access unit; the jitter
     * buffer uses the RTP timestamp for that.)
     */
    @Override
    public boolean isFrameStart(ByteBuffer payload) throws RtpPayloadException {
        PayloadReader reader = new PayloadReader(payload);
        int type = H264NalUnit.type(reader.readUnsignedByte("H.264 NAL unit header"));
        if (type == H264NalUnit.FU_A) {
            return (reader.readUnsignedByte("FU header") & 0x80) != 0;
        }
        return true;
    }

    /** Whether the payload carries (part of) an IDR picture's slice, alone, in a STAP-A or in an FU-A. */
    @Override
    public boolean isKeyFrame(ByteBuffer payload) throws RtpPayloadException {
        return (nalUnitTypes(payload) & (1 << H264NalUnit.IDR_SLICE)) != 0;
    }

    /**
     * The types of the NAL units a payload carries, as a bit set: bit {@code n} is set when a NAL
     * unit of type {@code n} (1..23) is in the payload, alone, aggregated in a STAP-A, or
     * fragmented in an FU-A. For example {@code (types & (1 << 7)) != 0} asks for an SPS.
     *
     * @throws RtpPayloadException if the payload is malformed or of a type modes 0 and 1 lack
     */
    public static int nalUnitTypes(ByteBuffer payload) throws RtpPayloadException {
        PayloadReader reader = new PayloadReader(payload);
        int type = H264NalUnit.type(reader.readUnsignedByte("H.264 NAL unit header"));
        if (type >= H264NalUnit.NON_IDR_SLICE && type <= 23) {
            return 1 << type;
        }
        if (type == H264NalUnit.FU_A) {
            return 1 << (reader.readUnsignedByte("FU header") & 0x1F);
        }
        if (type == H264NalUnit.STAP_A) {
            int types = 0;
            do {
                int size = reader.readUnsignedShort("STAP-A NAL unit size");
                if (size == 0) {
                    throw new RtpPayloadException("STAP-A NAL unit of size 0");
                }
                int start = reader.skip(size, "STAP-A NAL unit");
                types |= 1 << H264NalUnit.type(payload.get(start));
            } while (reader.hasRemaining());
            return types;
        }
        throw new RtpPayloadException("H.264 packet type " + type + " is not used in packetization modes 0 and 1");
    }

    /**
     * Writes NAL units with start codes into a presized array, noting where SPS and PPS are; with
     * no array it only counts the bytes (the measuring pass).
     */
    private static final class Writer {
        final byte[] bytes;
        long length;
        int seenTypes;
        int currentType = -1;
        int currentStart = -1;
        int spsStart = -1;
        int spsEnd;
        int ppsStart = -1;
        int ppsEnd;

        Writer(byte[] bytes, int offset) {
            this.bytes = bytes;
            this.length = offset;
        }

        void startNalUnit(int type) {
            endNalUnit();
            if (bytes != null) {
                System.arraycopy(START_CODE, 0, bytes, (int) length, START_CODE.length);
            }
            length += START_CODE.length;
            currentType = type;
            currentStart = (int) length;
            seenTypes |= 1 << type;
        }

        void endNalUnit() {
            if (currentType == H264NalUnit.SPS) {
                spsStart = currentStart;
                spsEnd = (int) length;
            } else if (currentType == H264NalUnit.PPS) {
                ppsStart = currentStart;
                ppsEnd = (int) length;
            }
            currentType = -1;
        }

        int currentType() {
            return currentType;
        }

        boolean seen(int type) {
            return (seenTypes & (1 << type)) != 0;
        }

        void writeByte(int value) {
            if (bytes != null) {
                bytes[(int) length] = (byte) value;
            }
            length++;
        }

        void write(ByteBuffer source, int index, int count) {
            if (bytes != null) {
                source.get(index, bytes, (int) length, count);
            }
            length += count;
        }

        void write(byte[] source) {
            System.arraycopy(source, 0, bytes, (int) length, source.length);
            length += source.length;
        }
    }
}
