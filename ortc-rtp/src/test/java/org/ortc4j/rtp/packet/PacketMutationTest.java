package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A deterministic, seeds-only stand-in for fuzzing: mutates the fuzz targets' seed inputs (byte
 * flips, truncations, insertions, splices) many times and checks the fuzz targets' properties on
 * each: parse or {@link RtpParseException}, never another exception; what parses round-trips.
 */
class PacketMutationTest {

    private static final int ROUNDS = 20_000;

    @Test
    void mutatedRtpPacketsParseOrAreRejected() throws Exception {
        List<byte[]> seeds = seeds("RtpPacketFuzzTestInputs", "pion-profile-defined-extension.bin",
                "rfc8285-one-byte-figure.bin", "rfc8285-two-byte-figure.bin", "csrcs-and-padding.bin", "one-byte-id15.bin");
        SplittableRandom random = new SplittableRandom(7);
        int parsed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = mutate(seeds, random);
            RtpPacket packet;
            try {
                packet = RtpPacket.parse(ByteBuffer.wrap(input));
            } catch (RtpParseException expected) {
                continue;
            }
            parsed++;
            byte[] encoded = packet.toBuilder().toByteArray();
            RtpPacket again = RtpPacket.parse(ByteBuffer.wrap(encoded));
            assertThat(again).as(Hex.of(input)).isEqualTo(packet);
            assertThat(again.toBuilder().toByteArray()).as(Hex.of(input)).isEqualTo(encoded);
        }
        assertThat(parsed).isGreaterThan(ROUNDS / 20);
    }

    @Test
    void mutatedRtcpCompoundsParseOrAreRejected() throws Exception {
        List<byte[]> seeds = seeds("RtcpPacketFuzzTestInputs", "pion-real-compound.bin", "libwebrtc-twcc.bin",
                "twcc-run-length.bin", "chrome-remb.bin", "sr-xr-fir-nack.bin");
        SplittableRandom random = new SplittableRandom(11);
        int parsed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = mutate(seeds, random);
            RtcpCompoundPacket compound;
            try {
                compound = RtcpCompoundPacket.parse(ByteBuffer.wrap(input));
            } catch (RtpParseException expected) {
                continue;
            }
            parsed++;
            byte[] encoded = compound.encode();
            RtcpCompoundPacket again = RtcpCompoundPacket.parse(ByteBuffer.wrap(encoded));
            assertThat(again).as(Hex.of(input)).isEqualTo(compound);
            assertThat(again.encode()).as(Hex.of(input)).isEqualTo(encoded);
        }
        assertThat(parsed).isGreaterThan(ROUNDS / 50);
    }

    private static List<byte[]> seeds(String directory, String... names) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = PacketMutationTest.class.getResourceAsStream(
                    directory + "/parsesOrRejectsAndRoundTrips/" + name)) {
                seeds.add(in.readAllBytes());
            }
        }
        return seeds;
    }

    private static byte[] mutate(List<byte[]> seeds, SplittableRandom random) {
        byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 2 -> {
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 3 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                default -> {
                    byte[] other = seeds.get(random.nextInt(seeds.size()));
                    int at = random.nextInt(bytes.length + 1);
                    byte[] spliced = Arrays.copyOf(bytes, at + other.length);
                    System.arraycopy(other, 0, spliced, at, other.length);
                    bytes = spliced;
                }
            }
        }
        return bytes;
    }
}
