package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * AV1 payloads (AOMedia "RTP Payload Format for AV1" v1.0): reads the OBU elements of each
 * payload, joins fragmented elements (Z and Y bits), drops temporal delimiters and tile lists, and
 * returns the temporal unit in the low-overhead bitstream format decoders read: every OBU with
 * obu_has_size_field = 1 and its obu_size (AV1 §5.2).
 */
public final class Av1Depacketizer implements RtpDepacketizer {

    /** Makes a depacketizer for one AV1 stream. */
    public Av1Depacketizer() {}

    @Override
    public byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException {
        if (payloads.isEmpty()) {
            throw new RtpPayloadException("no payloads");
        }
        long total = 0;
        for (ByteBuffer payload : payloads) {
            total += payload.remaining();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new RtpPayloadException("frame too large");
        }
        // Pass 1: the OBU elements, fragments joined, back to back in one array no larger than the input.
        byte[] joined = new byte[(int) total];
        int joinedLength = 0;
        int[] elementEnds = new int[8];
        int elements = 0;
        boolean fragmentOpen = false;
        for (int p = 0; p < payloads.size(); p++) {
            ByteBuffer payload = payloads.get(p);
            PayloadReader reader = new PayloadReader(payload);
            Av1AggregationHeader header = Av1AggregationHeader.fromByte(reader.readUnsignedByte("AV1 aggregation header"));
            if (header.continuesFragment() != fragmentOpen) {
                throw new RtpPayloadException(header.continuesFragment()
                        ? "AV1 payload " + p + " continues a fragment that no earlier payload started (Z = 1)"
                        : "AV1 payload " + p + " does not continue the fragment the previous one left open (Z = 0)");
            }
            if (!reader.hasRemaining()) {
                throw new RtpPayloadException("AV1 payload " + p + " holds no OBU elements");
            }
            int index = 0;
            while (reader.hasRemaining()) {
                int w = header.elementCount();
                if (w != 0 && index >= w) {
                    throw new RtpPayloadException("AV1 payload " + p + " has bytes after its " + w + " OBU elements");
                }
                boolean lastByCount = w != 0 && index == w - 1;
                long length = lastByCount ? reader.remaining() : reader.readLeb128("OBU element length");
                if (length == 0) {
                    // An empty element carries nothing; senders have been seen padding with zero bytes.
                    index++;
                    continue;
                }
                int start = reader.skip((int) Math.min(length, Integer.MAX_VALUE), "OBU element");
                payload.get(start, joined, joinedLength, (int) length);
                joinedLength += (int) length;
                boolean continuation = index == 0 && header.continuesFragment() && elements > 0;
                if (!continuation) {
                    if (elements == elementEnds.length) {
                        elementEnds = Arrays.copyOf(elementEnds, elements * 2);
                    }
                    elements++;
                }
                elementEnds[elements - 1] = joinedLength;
                index++;
            }
            if (header.elementCount() != 0 && index < header.elementCount()) {
                throw new RtpPayloadException("AV1 payload " + p + " ends after " + index + " of "
                        + header.elementCount() + " OBU elements");
            }
            fragmentOpen = header.fragmentContinues();
        }
        if (fragmentOpen) {
            throw new RtpPayloadException("last AV1 payload leaves an OBU fragment open (Y = 1)");
        }
        if (elements == 0) {
            throw new RtpPayloadException("AV1 payloads hold no OBU");
        }
        // Pass 2: each OBU's payload (after its header and any size field the sender kept), then the output.
        int[] payloadStarts = new int[elements];
        int[] payloadSizes = new int[elements];
        long outputSize = 0;
        int elementStart = 0;
        for (int e = 0; e < elements; e++) {
            int end = elementEnds[e];
            int header = joined[elementStart] & 0xFF;
            if ((header & Av1Obu.FORBIDDEN_BIT) != 0) {
                throw new RtpPayloadException("OBU forbidden bit set");
            }
            int headerSize = Av1Obu.headerSize(header);
            if (end - elementStart < headerSize) {
                throw new RtpPayloadException("OBU element ends inside its OBU header");
            }
            int payloadStart = elementStart + headerSize;
            if ((header & Av1Obu.HAS_SIZE_FIELD) != 0) {
                // The sender kept the size field (§4.5 says it SHOULD NOT): it must say what the
                // element length says.
                PayloadReader reader = new PayloadReader(ByteBuffer.wrap(joined, payloadStart, end - payloadStart));
                long obuSize = reader.readLeb128("obu_size");
                if (obuSize != reader.remaining()) {
                    throw new RtpPayloadException("obu_size " + obuSize + " disagrees with OBU element length");
                }
                payloadStart = reader.index();
            }
            payloadStarts[e] = payloadStart;
            payloadSizes[e] = end - payloadStart;
            if (!Av1Obu.isDropped(Av1Obu.type(header))) {
                outputSize += headerSize + Leb128.size(payloadSizes[e]) + payloadSizes[e];
            }
            elementStart = end;
        }
        ByteBuffer out = ByteBuffer.allocate((int) outputSize);
        elementStart = 0;
        for (int e = 0; e < elements; e++) {
            int header = joined[elementStart] & 0xFF;
            if (!Av1Obu.isDropped(Av1Obu.type(header))) {
                out.put((byte) (header | Av1Obu.HAS_SIZE_FIELD));
                if ((header & Av1Obu.EXTENSION_FLAG) != 0) {
                    out.put(joined[elementStart + 1]);
                }
                Leb128.write(out, payloadSizes[e]);
                out.put(joined, payloadStarts[e], payloadSizes[e]);
            }
            elementStart = elementEnds[e];
        }
        return out.array();
    }

    /**
     * Z = 0: the payload starts with a whole OBU element rather than the continuation of a
     * fragment. (Which OBU starts a temporal unit the jitter buffer learns from the RTP timestamp.)
     */
    @Override
    public boolean isFrameStart(ByteBuffer payload) throws RtpPayloadException {
        return !Av1AggregationHeader.parse(payload).continuesFragment();
    }

    /** N = 1: the payload is the first of a coded video sequence, which starts with a key frame. */
    @Override
    public boolean isKeyFrame(ByteBuffer payload) throws RtpPayloadException {
        return Av1AggregationHeader.parse(payload).newCodedVideoSequence();
    }
}
