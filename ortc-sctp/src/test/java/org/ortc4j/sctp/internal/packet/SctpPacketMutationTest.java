package org.ortc4j.sctp.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of a packet holding every chunk type: decoding returns a packet or
 * throws {@link SctpParseException} (anything else fails the test), and what decodes round-trips.
 */
class SctpPacketMutationTest {

    @Test
    void everyChunkTypeRoundTripsInOnePacket() throws SctpParseException {
        SctpPacket packet = SampleChunks.packet();
        byte[] encoded = packet.encode();
        SctpPacket decoded = SctpPacket.decode(encoded, false);
        assertThat(decoded).isEqualTo(packet);
        assertThat(decoded.encode()).isEqualTo(encoded);
    }

    @Test
    void fuzzSeedsAreValidPackets() throws Exception {
        String dir = "SctpPacketFuzzTestInputs/decodesOrRejectsAndRoundTrips/";
        for (String name : new String[] {"chrome-init-from-pion-tests.bin", "every-chunk-type-zero-checksum.bin",
                "data-zero-checksum.bin"}) {
            try (var in = getClass().getResourceAsStream(dir + name)) {
                byte[] bytes = in.readAllBytes();
                SctpPacket packet = SctpPacket.decode(bytes, true);
                boolean zero = (bytes[8] | bytes[9] | bytes[10] | bytes[11]) == 0;
                assertThat(packet.encode(zero)).as(name).isEqualTo(bytes);
            }
        }
        assertThat(SctpPacket.decode(getClass().getResourceAsStream(dir + "every-chunk-type-zero-checksum.bin")
                .readAllBytes(), true).chunks()).hasSize(17);
    }

    @Test
    void mutatedPacketsDecodeOrFailWithAParseException() {
        byte[] original = SampleChunks.packet().encode();
        Random random = new Random(0x5c7b);
        int decoded = 0;
        for (int i = 0; i < 20000; i++) {
            byte[] mutated = mutate(original, random);
            SctpPacket packet;
            try {
                // Zero checksum accepted, so that mutations reach the chunk decoders.
                packet = SctpPacket.decode(mutated, true);
            } catch (SctpParseException expected) {
                continue;
            }
            decoded++;
            byte[] again = packet.encode(true);
            try {
                assertThat(SctpPacket.decode(again, true)).isEqualTo(packet);
            } catch (SctpParseException e) {
                throw new AssertionError("re-encoded packet does not decode: " + e.getMessage(), e);
            }
        }
        assertThat(decoded).isGreaterThan(100);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        b[8] = b[9] = b[10] = b[11] = 0;
        switch (random.nextInt(4)) {
            case 0 -> b[12 + random.nextInt(b.length - 12)] = (byte) random.nextInt(256);
            case 1 -> {
                int at = 12 + random.nextInt(b.length - 12);
                b[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 2 -> b = Arrays.copyOf(b, 12 + random.nextInt(b.length - 12));
            default -> {
                // Corrupt a length field: chunk or parameter lengths sit at 16-bit aligned offsets.
                int at = 12 + 2 * random.nextInt((b.length - 12) / 2);
                b[at] = 0;
                b[at + 1] = (byte) random.nextInt(256);
            }
        }
        return b;
    }
}
