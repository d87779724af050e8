package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Bad input is normal input: payloads of real frames with bits flipped, bytes cut and garbage
 * appended, thrown at every depacketizer. Each call answers or throws {@link RtpPayloadException},
 * never anything else; frames stay within a small constant times the input; the payload buffers
 * are left as they were. (Seeded, so a failure repeats; Jazzer explores further in {@code .ci/fuzz}.)
 */
class DepacketizerRobustnessTest {

    private static final int ROUNDS = 3000;

    private final Random random = new Random(3550);

    @Test
    void vp8() {
        List<RtpPayload> valid = new Vp8Packetizer(0x1234).packetize(ByteBuffer.wrap(Frames.vp8KeyFrame(random, 400)), 60);
        hammer(valid, Vp8Depacketizer::new);
    }

    @Test
    void vp9() {
        List<RtpPayload> valid = new Vp9Packetizer(9).packetize(ByteBuffer.wrap(Frames.vp9KeyFrame(random, 400)), 60);
        hammer(valid, Vp9Depacketizer::new);
    }

    @Test
    void h264() {
        byte[] accessUnit = Frames.annexB(Frames.nal(random, 3, 7, 12), Frames.nal(random, 3, 8, 4),
                Frames.nal(random, 0, 6, 9), Frames.nal(random, 3, 5, 300));
        List<RtpPayload> valid = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(accessUnit), 60);
        hammer(valid, H264Depacketizer::new);
    }

    @Test
    void av1() {
        byte[] temporalUnit = Frames.concat(Frames.obu(1, Frames.random(random, 10)),
                Frames.obu(6, 0x08, Frames.random(random, 300)), Frames.obu(5, new byte[0]));
        List<RtpPayload> valid = new Av1Packetizer().packetize(ByteBuffer.wrap(temporalUnit), 60);
        hammer(valid, Av1Depacketizer::new);
    }

    @Test
    void audio() {
        hammer(List.of(RtpPayload.of(Frames.random(random, 20), false, 0)), OpusDepacketizer::new);
        hammer(List.of(RtpPayload.of(Frames.random(random, 20), false, 0)), SampleAudioDepacketizer::new);
    }

    private void hammer(List<RtpPayload> valid, Supplier<RtpDepacketizer> depacketizers) {
        RtpDepacketizer depacketizer = depacketizers.get();
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<byte[]> payloads = mutate(valid);
            List<ByteBuffer> buffers = new ArrayList<>();
            long total = 0;
            for (byte[] payload : payloads) {
                // Each payload inside a larger array, as a packet parser would hand it over.
                byte[] packet = new byte[payload.length + 16];
                System.arraycopy(payload, 0, packet, 12, payload.length);
                buffers.add(ByteBuffer.wrap(packet, 12, payload.length));
                total += payload.length;
            }
            for (ByteBuffer buffer : buffers) {
                try {
                    depacketizer.isFrameStart(buffer);
                    depacketizer.isKeyFrame(buffer);
                } catch (RtpPayloadException expected) {
                    // rejected: fine
                }
            }
            try {
                byte[] frame = depacketizer.depacketize(buffers);
                assertThat((long) frame.length).isLessThanOrEqualTo(4 * total + 4L * buffers.size() + 64);
                accepted++;
            } catch (RtpPayloadException expected) {
                // rejected: fine
            }
            for (int i = 0; i < buffers.size(); i++) {
                assertThat(buffers.get(i).position()).isEqualTo(12);
                assertThat(buffers.get(i).remaining()).isEqualTo(payloads.get(i).length);
            }
        }
        // The mutations leave some frames whole: the depacketizer is exercised past its first check.
        assertThat(accepted).isPositive();
    }

    private List<byte[]> mutate(List<RtpPayload> valid) {
        List<byte[]> payloads = new ArrayList<>();
        int from = random.nextInt(4) == 0 ? random.nextInt(valid.size()) : 0;
        int to = random.nextInt(4) == 0 ? from + 1 + random.nextInt(valid.size() - from) : valid.size();
        for (int i = from; i < to; i++) {
            payloads.add(valid.get(i).toByteArray());
        }
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int which = random.nextInt(payloads.size());
            byte[] payload = payloads.get(which);
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (payload.length > 0) {
                        int index = random.nextInt(Math.min(payload.length, 12));
                        payload[index] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> payloads.set(which, java.util.Arrays.copyOf(payload, random.nextInt(payload.length + 1)));
                case 2 -> payloads.set(which, Frames.concat(payload, Frames.random(random, 1 + random.nextInt(8))));
                default -> payloads.set(which, Frames.random(random, random.nextInt(12)));
            }
        }
        return payloads;
    }
}
