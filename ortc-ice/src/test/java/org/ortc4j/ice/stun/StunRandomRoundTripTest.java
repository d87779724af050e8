package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property checks as seeded random loops: random messages survive encode → decode, and random
 * damage to valid messages gives either a message that round-trips or a
 * {@link StunParseException}, never another exception.
 */
class StunRandomRoundTripTest {

    private static final long SEED = 0x5354554eL;
    private static final int RUNS = 2_000;

    @Test
    void randomMessagesRoundTrip() throws Exception {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            StunMessage.Builder builder = StunMessage.newBuilder(StunMessageType.valueOf(random.nextInt(0x4000)))
                    .transactionId(bytes(random, 12));
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                builder.attribute(randomAttribute(random));
            }
            MessageIntegrityKey key = MessageIntegrityKey.of(bytes(random, random.nextInt(40)));
            if (random.nextBoolean()) {
                builder.messageIntegrity(key);
            }
            if (random.nextBoolean()) {
                builder.messageIntegritySha256(key);
            }
            if (random.nextBoolean()) {
                builder.fingerprint();
            }
            StunMessage built = builder.build();
            byte[] encoded = built.encode();

            StunMessage decoded = StunMessage.decode(encoded);

            assertThat(decoded).as("run %d", run).isEqualTo(built);
            assertThat(decoded.encode()).as("run %d", run).isEqualTo(encoded);
            if (built.hasIntegrity()) {
                assertThat(decoded.verifyIntegrity(key)).as("run %d", run).isTrue();
            }
        }
    }

    @Test
    void damagedMessagesAreRejectedOrRoundTrip() throws Exception {
        Random random = new Random(SEED + 1);
        List<byte[]> valid = new ArrayList<>(List.of(Rfc5769Vectors.REQUEST, Rfc5769Vectors.IPV4_RESPONSE,
                Rfc5769Vectors.IPV6_RESPONSE, Rfc5769Vectors.LONG_TERM_REQUEST, Rfc5769Vectors.SHA256_REQUEST));
        valid.add(StunMessage.of(StunMessageType.BINDING_REQUEST, bytes(random, 12), StunAttributesTest.oneOfEach()).encode());
        int decodedCount = 0;
        for (int run = 0; run < RUNS * 10; run++) {
            byte[] input = damage(random, valid.get(random.nextInt(valid.size())).clone());
            StunMessage message;
            try {
                message = StunMessage.decode(input);
            } catch (StunParseException rejected) {
                continue;
            }
            decodedCount++;
            assertThat(StunMessage.decode(message.encode())).as("run %d", run).isEqualTo(message);
            message.verifyFingerprint();
            message.verifyIntegrity(MessageIntegrityKey.shortTerm("x"));
        }
        assertThat(decodedCount).as("some damaged messages still decode").isGreaterThan(RUNS);
    }

    @Test
    void randomBytesBehindAValidHeaderAreRejectedOrRoundTrip() {
        Random random = new Random(SEED + 2);
        for (int run = 0; run < RUNS * 10; run++) {
            byte[] body = new byte[4 * random.nextInt(16)];
            random.nextBytes(body);
            // Bias attribute types towards the known ones so that their decoders are exercised.
            for (int at = 0; at + 4 <= body.length; at += 4 + 4 * random.nextInt(4)) {
                int type = random.nextBoolean() ? random.nextInt(0x30) : 0x8000 + random.nextInt(0x30);
                body[at] = (byte) (type >> 8);
                body[at + 1] = (byte) type;
                body[at + 2] = 0;
                body[at + 3] = (byte) random.nextInt(Math.max(1, body.length - at - 3));
            }
            byte[] input = new byte[20 + body.length];
            input[1] = 1;
            input[2] = (byte) (body.length >> 8);
            input[3] = (byte) body.length;
            input[4] = 0x21;
            input[5] = 0x12;
            input[6] = (byte) 0xa4;
            input[7] = 0x42;
            System.arraycopy(body, 0, input, 20, body.length);
            try {
                StunMessage message = StunMessage.decode(input);
                assertThat(StunMessage.decode(message.encode())).isEqualTo(message);
            } catch (StunParseException rejected) {
                // fine
            }
        }
    }

    private static byte[] damage(Random random, byte[] input) {
        switch (random.nextInt(5)) {
            case 0: { // flip a few bits
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return input;
            }
            case 1: // truncate
                return java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
            case 2: { // overwrite an attribute length byte, then fix the header length
                if (input.length > 24) {
                    input[20 + 4 * random.nextInt((input.length - 20) / 4) + 3] = (byte) random.nextInt(256);
                }
                return input;
            }
            case 3: { // append 4-byte words and fix the header length
                int words = 1 + random.nextInt(3);
                byte[] longer = java.util.Arrays.copyOf(input, input.length + 4 * words);
                for (int i = input.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                longer[2] = (byte) ((longer.length - 20) >> 8);
                longer[3] = (byte) (longer.length - 20);
                return longer;
            }
            default: { // random bytes anywhere in the body
                for (int i = 20; i < input.length; i++) {
                    if (random.nextInt(16) == 0) {
                        input[i] = (byte) random.nextInt(256);
                    }
                }
                return input;
            }
        }
    }

    static StunAttribute randomAttribute(Random random) throws Exception {
        switch (random.nextInt(22)) {
            case 0: return new MappedAddressAttribute(address(random));
            case 1: return new XorMappedAddressAttribute(address(random));
            case 2: return new UsernameAttribute(text(random, 40));
            case 3: return new ErrorCodeAttribute(300 + random.nextInt(400), text(random, 30));
            case 4: return new RealmAttribute(text(random, 30));
            case 5: return new NonceAttribute(text(random, 30));
            case 6: return new SoftwareAttribute(text(random, 30));
            case 7: return new PriorityAttribute(random.nextInt() & 0xFFFF_FFFFL);
            case 8: return new IceControllingAttribute(random.nextLong());
            case 9: return new IceControlledAttribute(random.nextLong());
            case 10: return new UseCandidateAttribute();
            case 11: return new XorPeerAddressAttribute(address(random));
            case 12: return new XorRelayedAddressAttribute(address(random));
            case 13: return new DataAttribute(bytes(random, random.nextInt(64)));
            case 14: return new LifetimeAttribute(random.nextInt() & 0xFFFF_FFFFL);
            case 15: return new ChannelNumberAttribute(random.nextInt(0x10000));
            case 16: return new EvenPortAttribute(random.nextBoolean());
            case 17: return new PasswordAlgorithmsAttribute(List.of(
                    PasswordAlgorithm.of(random.nextInt(0x10000), bytes(random, random.nextInt(7))), PasswordAlgorithm.MD5));
            case 18: return new AddressErrorCodeAttribute(StunAddressFamily.valueOf(random.nextInt(256)),
                    300 + random.nextInt(400), text(random, 10));
            case 19: return new IcmpAttribute(random.nextInt(256), random.nextInt(256), random.nextInt() & 0xFFFF_FFFFL);
            case 20: {
                int code;
                do {
                    code = random.nextInt(0x10000);
                } while (StunAttributeType.valueOf(code).isKnown());
                return new UnknownStunAttribute(StunAttributeType.valueOf(code), bytes(random, random.nextInt(20)));
            }
            default: return new UnknownAttributesAttribute(List.of(StunAttributeType.valueOf(random.nextInt(0x10000))));
        }
    }

    private static InetSocketAddress address(Random random) throws Exception {
        return new InetSocketAddress(random.nextBoolean()
                ? Inet4Address.getByAddress(bytes(random, 4))
                : Inet6Address.getByAddress(null, bytes(random, 16), -1), random.nextInt(0x10000));
    }

    private static String text(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.appendCodePoint(kind == 0 ? 0x20 + random.nextInt(0x5F) : kind == 1 ? 0xA0 + random.nextInt(0x700)
                    : kind == 2 ? 0x3040 + random.nextInt(0x100) : 0x1F600 + random.nextInt(0x40));
        }
        return text.toString();
    }

    static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
