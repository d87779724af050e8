package org.ortc4j.srtp;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Well-formed random RTP packets (RFC 3550 §5.1, header extensions of RFC 8285) and compound RTCP
 * packets (RFC 3550 §6, feedback of RFC 4585), drawn from a seeded {@link Random} so a failing
 * case can be replayed.
 */
final class RandomPackets {

    private RandomPackets() {
    }

    /**
     * An RTP packet: 0..15 CSRCs, sometimes a one-byte or two-byte header extension (or one of
     * another profile), random marker and payload type, a 0..1400-byte payload, sometimes padding.
     */
    static byte[] rtp(Random random, int ssrc, int sequenceNumber, int timestamp) {
        return rtp(random, ssrc, sequenceNumber, timestamp, 1400);
    }

    /** As {@link #rtp(Random, int, int, int)} with a payload of at most {@code maxPayload} bytes. */
    static byte[] rtp(Random random, int ssrc, int sequenceNumber, int timestamp, int maxPayload) {
        int csrcCount = random.nextInt(16);
        byte[] extension = switch (random.nextInt(5)) {
            case 0 -> oneByteExtension(random);
            case 1 -> twoByteExtension(random);
            case 2 -> otherExtension(random);
            default -> null;
        };
        int padding = random.nextInt(6) == 0 ? 1 + random.nextInt(32) : 0;
        int payloadLength = random.nextInt(maxPayload + 1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // RFC 3550 §5.1: V=2, P, X, CC | M, PT | sequence number | timestamp | SSRC | CSRC list
        out.write(0x80 | (padding > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrcCount);
        out.write((random.nextBoolean() ? 0x80 : 0) | random.nextInt(128));
        writeShort(out, sequenceNumber);
        writeInt(out, timestamp);
        writeInt(out, ssrc);
        for (int i = 0; i < csrcCount; i++) {
            writeInt(out, random.nextInt());
        }
        if (extension != null) {
            out.writeBytes(extension);
        }
        out.writeBytes(bytes(random, payloadLength));
        if (padding > 0) {
            // RFC 3550 §5.1: "The last octet of the padding contains a count of how many padding octets
            // should be ignored, including itself."
            out.writeBytes(new byte[padding - 1]);
            out.write(padding);
        }
        return out.toByteArray();
    }

    /** RFC 8285 §4.2: profile 0xBEDE, elements of ID 1..14 with 1..16 bytes, zero padding. */
    private static byte[] oneByteExtension(Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int elements = 1 + random.nextInt(4);
        for (int i = 0; i < elements; i++) {
            int length = 1 + random.nextInt(16);
            body.write((1 + random.nextInt(14)) << 4 | (length - 1));
            body.writeBytes(bytes(random, length));
            if (random.nextInt(4) == 0) {
                body.write(0);
            }
        }
        return extension(0xBEDE, body);
    }

    /** RFC 8285 §4.3: profile 0x100 with 4 appbits, elements of ID 1..255 with 0..32 bytes. */
    private static byte[] twoByteExtension(Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int elements = 1 + random.nextInt(4);
        for (int i = 0; i < elements; i++) {
            int length = random.nextInt(33);
            body.write(1 + random.nextInt(255));
            body.write(length);
            body.writeBytes(bytes(random, length));
        }
        return extension(0x1000 | random.nextInt(16), body);
    }

    /** RFC 3550 §5.3.1: any other profile, an opaque body of 0..16 words. */
    private static byte[] otherExtension(Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes(random, 4 * random.nextInt(17)));
        return extension(random.nextInt(0x1000), body);
    }

    private static byte[] extension(int profile, ByteArrayOutputStream body) {
        while (body.size() % 4 != 0) {
            body.write(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, profile);
        writeShort(out, body.size() / 4);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * A compound RTCP packet from {@code ssrc} (RFC 3550 §6.1): an SR or RR with 0..4 report
     * blocks, an SDES with a CNAME, then 0..3 of BYE, APP, generic NACK, PLI, REMB and XR.
     */
    static byte[] rtcpCompound(Random random, int ssrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int reports = random.nextInt(5);
        if (random.nextBoolean()) {
            // RFC 3550 §6.4.1 SR: header, SSRC, NTP timestamp, RTP timestamp, packet and octet counts
            header(out, reports, 200, 6 + 6 * reports);
            writeInt(out, ssrc);
            out.writeBytes(bytes(random, 20));
        } else {
            // RFC 3550 §6.4.2 RR
            header(out, reports, 201, 1 + 6 * reports);
            writeInt(out, ssrc);
        }
        out.writeBytes(bytes(random, 24 * reports));

        // RFC 3550 §6.5 SDES with one chunk: SSRC, CNAME item, a null item, padding to 32 bits
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        writeInt(chunk, ssrc);
        int cnameLength = 1 + random.nextInt(32);
        chunk.write(1);
        chunk.write(cnameLength);
        for (int i = 0; i < cnameLength; i++) {
            chunk.write('a' + random.nextInt(26));
        }
        do {
            chunk.write(0);
        } while (chunk.size() % 4 != 0);
        header(out, 1, 202, chunk.size() / 4);
        out.writeBytes(chunk.toByteArray());

        int more = random.nextInt(4);
        for (int i = 0; i < more; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    // RFC 3550 §6.6 BYE
                    header(out, 1, 203, 1);
                    writeInt(out, ssrc);
                }
                case 1 -> {
                    // RFC 3550 §6.7 APP: subtype, SSRC, name, data in 32-bit words
                    int words = random.nextInt(8);
                    header(out, random.nextInt(32), 204, 2 + words);
                    writeInt(out, ssrc);
                    out.writeBytes("ortc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.writeBytes(bytes(random, 4 * words));
                }
                case 2 -> {
                    // RFC 4585 §6.2.1 generic NACK: FMT 1, PT 205, one FCI word per PID/BLP
                    int fci = 1 + random.nextInt(6);
                    header(out, 1, 205, 2 + fci);
                    writeInt(out, ssrc);
                    writeInt(out, random.nextInt());
                    out.writeBytes(bytes(random, 4 * fci));
                }
                case 3 -> {
                    // RFC 4585 §6.3.1 PLI: FMT 1, PT 206, no FCI
                    header(out, 1, 206, 2);
                    writeInt(out, ssrc);
                    writeInt(out, random.nextInt());
                }
                case 4 -> {
                    // draft-alvestrand-rmcat-remb: FMT 15, PT 206, media SSRC 0, "REMB", one SSRC
                    header(out, 15, 206, 5);
                    writeInt(out, ssrc);
                    writeInt(out, 0);
                    out.writeBytes("REMB".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(1);
                    out.writeBytes(bytes(random, 3));
                    writeInt(out, random.nextInt());
                }
                default -> {
                    // RFC 3611 XR with opaque report blocks
                    int words = 1 + random.nextInt(10);
                    header(out, 0, 207, 1 + words);
                    writeInt(out, ssrc);
                    out.writeBytes(bytes(random, 4 * words));
                }
            }
        }
        return out.toByteArray();
    }

    /** RFC 3550 §6.4.1: V=2, P=0, a 5-bit count, the packet type, and the length in words minus one. */
    private static void header(ByteArrayOutputStream out, int count, int packetType, int lengthMinusOne) {
        out.write(0x80 | count);
        out.write(packetType);
        writeShort(out, lengthMinusOne);
    }

    static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        writeShort(out, value >>> 16);
        writeShort(out, value);
    }
}
