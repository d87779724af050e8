package org.ortc4j.rtp.payload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test frames shaped like real encoder output, and helpers to pass payloads between packetizer and depacketizer. */
final class Frames {

    private Frames() {}

    /** Random bytes 1..255: no Annex B start code can appear by accident. */
    static byte[] randomNonZero(Random random, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    static byte[] random(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * A VP8 key frame of {@code size} bytes: RFC 6386 §9.1 frame tag with key frame bit 0 (P = 0),
     * the start code 9d 01 2a and a 1920x1080 size, then random data.
     */
    static byte[] vp8KeyFrame(Random random, int size) {
        byte[] frame = random(random, size);
        int firstPartitionSize = Math.min(size / 4, 0x7FFFF);
        int tag = (firstPartitionSize << 5) | 0x10; // show_frame = 1, version 0, key frame (bit 0 = 0)
        frame[0] = (byte) tag;
        frame[1] = (byte) (tag >>> 8);
        frame[2] = (byte) (tag >>> 16);
        frame[3] = (byte) 0x9d;
        frame[4] = 0x01;
        frame[5] = 0x2a;
        frame[6] = (byte) 0x80; // width 1920 little-endian
        frame[7] = 0x07;
        frame[8] = 0x38; // height 1080
        frame[9] = 0x04;
        return frame;
    }

    /** A VP8 inter frame: frame tag bit 0 = 1. */
    static byte[] vp8InterFrame(Random random, int size) {
        byte[] frame = random(random, size);
        frame[0] |= 0x01;
        return frame;
    }

    /**
     * A VP9 profile-0 1920x1080 key frame: the uncompressed header (VP9 §6.2) starts
     * 82 49 83 42 00 77 f0 43 7x, as libvpx writes it; then random data.
     */
    static byte[] vp9KeyFrame(Random random, int size) {
        byte[] frame = random(random, size);
        byte[] header = {(byte) 0x82, 0x49, (byte) 0x83, 0x42, 0x00, 0x77, (byte) 0xF0, 0x43, 0x70};
        System.arraycopy(header, 0, frame, 0, header.length);
        return frame;
    }

    /** A VP9 profile-0 inter frame: frame_marker 2, show_frame 1, frame_type 1. */
    static byte[] vp9InterFrame(Random random, int size) {
        byte[] frame = random(random, size);
        frame[0] = (byte) 0x86;
        return frame;
    }

    /** An Annex B access unit of the given NAL units, each after a 4-byte start code. */
    static byte[] annexB(byte[]... nalUnits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nalUnits) {
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    /** A NAL unit: header byte (F = 0, the NRI and type given) then random non-zero bytes. */
    static byte[] nal(Random random, int nri, int type, int size) {
        byte[] nal = randomNonZero(random, size);
        nal[0] = (byte) ((nri << 5) | type);
        return nal;
    }

    /** An AV1 OBU with obu_has_size_field = 1 (low-overhead bitstream format). */
    static byte[] obu(int type, byte[] payload) {
        return obu(type, -1, payload);
    }

    static byte[] obu(int type, int extension, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(2 + 8 + payload.length);
        out.put((byte) ((type << 3) | (extension >= 0 ? 0x04 : 0) | 0x02));
        if (extension >= 0) {
            out.put((byte) extension);
        }
        Leb128.write(out, payload.length);
        out.put(payload);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static List<ByteBuffer> buffers(List<RtpPayload> payloads) {
        List<ByteBuffer> buffers = new ArrayList<>(payloads.size());
        for (RtpPayload payload : payloads) {
            buffers.add(payload.data());
        }
        return buffers;
    }

    static List<ByteBuffer> buffers(byte[]... payloads) {
        List<ByteBuffer> buffers = new ArrayList<>(payloads.length);
        for (byte[] payload : payloads) {
            buffers.add(ByteBuffer.wrap(payload));
        }
        return buffers;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
