package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AV1 payloads (AOMedia "RTP Payload Format for AV1" v1.0). Takes a temporal unit in the
 * low-overhead bitstream format encoders write (OBUs with size fields, AV1 §5.2), drops temporal
 * delimiters and tile lists, and sends every other OBU as an OBU element without its size field
 * (§4.5: "the obu_has_size_field flag SHOULD be set to zero in all OBUs"). Elements are packed in order; an
 * element that does not fit the rest of a payload is fragmented across payloads (Z and Y bits).
 * W is the element count when it is 1..3 (the last element then has no length field), else 0.
 * The first payload of a temporal unit that holds a sequence header gets N = 1; the last payload
 * of the temporal unit gets the marker bit (§4.2: "The RTP header Marker bit MUST be set
 * equal to 0 if the packet is not the last packet of the temporal unit, it SHOULD be set equal to
 * 1 otherwise"). OBUs whose extension headers name different layers go in different payloads
 * (§5: "the values of the temporal_id and spatial_id MUST be the same in all such OBUs in the RTP
 * packet").
 */
public final class Av1Packetizer implements RtpPacketizer {

    private static final int AGGREGATION_HEADER_SIZE = 1;

    /** Makes a packetizer for one AV1 stream. */
    public Av1Packetizer() {}

    /**
     * Splits a temporal unit into payloads.
     *
     * @throws IllegalArgumentException if the temporal unit is not a sequence of well-formed OBUs,
     *     holds no OBU to send, or {@code maxPayloadSize} is below 3
     */
    @Override
    public List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize) {
        if (maxPayloadSize < AGGREGATION_HEADER_SIZE + 2) {
            throw new IllegalArgumentException("maxPayloadSize too small for AV1: " + maxPayloadSize);
        }
        ByteBuffer source = frame.duplicate();
        Elements elements = Elements.read(source);
        if (elements.count == 0) {
            throw new IllegalArgumentException("AV1 temporal unit holds no OBU to send");
        }
        List<RtpPayload> payloads = new ArrayList<>();
        // The pieces of the payload being filled: element index, offset in the element, length.
        int[] pieceElement = new int[4];
        int[] pieceOffset = new int[4];
        int[] pieceLength = new int[4];
        int pieces = 0;
        int used = AGGREGATION_HEADER_SIZE;
        boolean continuesFragment = false;
        // temporal_id and spatial_id (the top five bits of the extension byte) of the OBUs with
        // extension headers in the payload being filled, or -1.
        int payloadLayer = -1;
        for (int e = 0; e < elements.count; e++) {
            int size = elements.size(e);
            int offset = 0;
            int layer = elements.extension[e] >= 0 ? elements.extension[e] >>> 3 : -1;
            if (layer >= 0 && payloadLayer >= 0 && layer != payloadLayer && pieces > 0) {
                payloads.add(assemble(source, elements, pieceElement, pieceOffset, pieceLength, pieces,
                        continuesFragment, false, payloads.isEmpty() && elements.hasSequenceHeader));
                continuesFragment = false;
                pieces = 0;
                used = AGGREGATION_HEADER_SIZE;
                payloadLayer = -1;
            }
            while (offset < size) {
                int space = maxPayloadSize - used;
                int take = Math.min(size - offset, space - 1);
                while (take > 0 && take + Leb128.size(take) > space) {
                    take--;
                }
                if (take < 1) {
                    payloads.add(assemble(source, elements, pieceElement, pieceOffset, pieceLength, pieces,
                            continuesFragment, false, payloads.isEmpty() && elements.hasSequenceHeader));
                    continuesFragment = false;
                    pieces = 0;
                    used = AGGREGATION_HEADER_SIZE;
                    payloadLayer = -1;
                    continue;
                }
                if (pieces == pieceElement.length) {
                    pieceElement = Arrays.copyOf(pieceElement, pieces * 2);
                    pieceOffset = Arrays.copyOf(pieceOffset, pieces * 2);
                    pieceLength = Arrays.copyOf(pieceLength, pieces * 2);
                }
                pieceElement[pieces] = e;
                pieceOffset[pieces] = offset;
                pieceLength[pieces] = take;
                pieces++;
                used += Leb128.size(take) + take;
                offset += take;
                if (layer >= 0) {
                    payloadLayer = layer;
                }
                if (offset < size) {
                    // The element goes on in the next payload: Y here, Z there.
                    payloads.add(assemble(source, elements, pieceElement, pieceOffset, pieceLength, pieces,
                            continuesFragment, true, payloads.isEmpty() && elements.hasSequenceHeader));
                    continuesFragment = true;
                    pieces = 0;
                    used = AGGREGATION_HEADER_SIZE;
                    payloadLayer = -1;
                }
            }
        }
        if (pieces > 0) {
            payloads.add(assemble(source, elements, pieceElement, pieceOffset, pieceLength, pieces,
                    continuesFragment, false, payloads.isEmpty() && elements.hasSequenceHeader));
        }
        RtpPayload last = payloads.get(payloads.size() - 1);
        payloads.set(payloads.size() - 1, last.withMarker());
        return payloads;
    }

    private static RtpPayload assemble(ByteBuffer source, Elements elements, int[] pieceElement, int[] pieceOffset,
            int[] pieceLength, int pieces, boolean continuesFragment, boolean fragmentContinues, boolean newSequence) {
        // W = 1..3: "the last OBU element MUST NOT be preceded by a length field"; W = 0: every
        // element is.
        int w = pieces <= 3 ? pieces : 0;
        int size = AGGREGATION_HEADER_SIZE;
        for (int i = 0; i < pieces; i++) {
            boolean lengthField = w == 0 || i < pieces - 1;
            size += (lengthField ? Leb128.size(pieceLength[i]) : 0) + pieceLength[i];
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) new Av1AggregationHeader(continuesFragment, fragmentContinues, w, newSequence).toByte());
        for (int i = 0; i < pieces; i++) {
            if (w == 0 || i < pieces - 1) {
                Leb128.write(out, pieceLength[i]);
            }
            elements.copy(source, pieceElement[i], pieceOffset[i], pieceLength[i], out);
        }
        return new RtpPayload(out.array(), false, 0);
    }

    /**
     * The OBUs of a temporal unit as OBU elements: each is its header (with obu_has_size_field
     * cleared) and extension byte, then its payload, which stays in the source buffer.
     */
    private static final class Elements {
        int count;
        boolean hasSequenceHeader;
        int[] header = new int[8];
        int[] extension = new int[8];
        int[] payloadStart = new int[8];
        int[] payloadLength = new int[8];

        static Elements read(ByteBuffer source) {
            Elements elements = new Elements();
            PayloadReader reader = new PayloadReader(source);
            try {
                while (reader.hasRemaining()) {
                    int header = reader.readUnsignedByte("OBU header");
                    if ((header & Av1Obu.FORBIDDEN_BIT) != 0) {
                        throw new IllegalArgumentException("OBU forbidden bit set");
                    }
                    int extension = (header & Av1Obu.EXTENSION_FLAG) != 0 ? reader.readUnsignedByte("OBU extension") : -1;
                    // AV1 §5.3.1: without obu_has_size_field the OBU runs to the end of the data.
                    long length = (header & Av1Obu.HAS_SIZE_FIELD) != 0 ? reader.readLeb128("obu_size") : reader.remaining();
                    int start = reader.skip((int) Math.min(length, Integer.MAX_VALUE), "OBU");
                    int type = Av1Obu.type(header);
                    if (!Av1Obu.isDropped(type)) {
                        elements.add(header & ~Av1Obu.HAS_SIZE_FIELD, extension, start, (int) length);
                        elements.hasSequenceHeader |= type == Av1Obu.SEQUENCE_HEADER;
                    }
                }
            } catch (RtpPayloadException e) {
                throw new IllegalArgumentException("malformed AV1 temporal unit: " + e.getMessage(), e);
            }
            return elements;
        }

        private void add(int h, int ext, int start, int length) {
            if (count == header.length) {
                header = Arrays.copyOf(header, count * 2);
                extension = Arrays.copyOf(extension, count * 2);
                payloadStart = Arrays.copyOf(payloadStart, count * 2);
                payloadLength = Arrays.copyOf(payloadLength, count * 2);
            }
            header[count] = h;
            extension[count] = ext;
            payloadStart[count] = start;
            payloadLength[count] = length;
            count++;
        }

        int headerSize(int e) {
            return extension[e] >= 0 ? 2 : 1;
        }

        int size(int e) {
            return headerSize(e) + payloadLength[e];
        }

        /** Copies bytes {@code offset..offset+length} of element {@code e} to {@code out}. */
        void copy(ByteBuffer source, int e, int offset, int length, ByteBuffer out) {
            int headerSize = headerSize(e);
            while (length > 0 && offset < headerSize) {
                out.put((byte) (offset == 0 ? header[e] : extension[e]));
                offset++;
                length--;
            }
            if (length > 0) {
                out.put(source.slice(payloadStart[e] + offset - headerSize, length));
            }
        }
    }
}
