package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property checks as seeded random loops: random messages survive encode → decode, and random
 * damage to valid messages gives either a message that round-trips or a
 * {@link DnsParseException}, never another exception.
 */
class DnsRandomRoundTripTest {

    private static final long SEED = 0x6d444e53L;
    private static final int RUNS = 2_000;
    private static final String[] LABELS = {"local", "_tcp", "_udp", "host", "Host", "a", "1f0e5a6c-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
        "xn--bcher-kva", "Bücher", "with space", "dot.inside"};

    @Test
    void randomMessagesRoundTrip() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            DnsMessage message = randomMessage(random);
            byte[] encoded = message.encode();

            DnsMessage decoded = DnsMessage.decode(encoded);

            assertThat(decoded).as("run %d", run).isEqualTo(message);
            assertThat(decoded.encode()).as("run %d", run).isEqualTo(encoded);
        }
    }

    @Test
    void damagedMessagesAreRejectedOrRoundTrip() {
        Random random = new Random(SEED + 1);
        List<byte[]> valid = new ArrayList<>(MdnsSeedMessages.all());
        for (int i = 0; i < 20; i++) {
            valid.add(randomMessage(random).encode());
        }
        int decodedCount = 0;
        for (int run = 0; run < RUNS * 10; run++) {
            byte[] input = damage(random, valid.get(random.nextInt(valid.size())).clone());
            DnsMessage message;
            try {
                message = DnsMessage.decode(input);
            } catch (DnsParseException rejected) {
                continue;
            }
            decodedCount++;
            byte[] encoded = message.encode();
            assertThat(DnsMessage.decode(encoded)).as("run %d", run).isEqualTo(message);
        }
        assertThat(decodedCount).as("some damaged messages still decode").isGreaterThan(RUNS / 2);
    }

    @Test
    void randomBytesBehindAHeaderAreRejectedOrRoundTrip() {
        Random random = new Random(SEED + 2);
        for (int run = 0; run < RUNS * 5; run++) {
            byte[] input = new byte[12 + random.nextInt(80)];
            random.nextBytes(input);
            // Small counts, so that the bytes are read as questions and records.
            for (int count = 4; count < 12; count += 2) {
                input[count] = 0;
                input[count + 1] = (byte) random.nextInt(4);
            }
            try {
                DnsMessage message = DnsMessage.decode(input);
                assertThat(DnsMessage.decode(message.encode())).as("run %d", run).isEqualTo(message);
            } catch (DnsParseException rejected) {
                // fine
            }
        }
    }

    static DnsMessage randomMessage(Random random) {
        List<DnsQuestion> questions = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            questions.add(new DnsQuestion(randomName(random), randomType(random), random.nextInt(0x8000), random.nextBoolean()));
        }
        return new DnsMessage(random.nextInt(0x10000), random.nextInt(0x10000), questions,
                randomRecords(random), randomRecords(random), randomRecords(random));
    }

    private static List<DnsResourceRecord> randomRecords(Random random) {
        List<DnsResourceRecord> records = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            DnsRecordType type = randomType(random);
            int length = type.equals(DnsRecordType.A) ? 4 : type.equals(DnsRecordType.AAAA) ? 16 : random.nextInt(30);
            byte[] data = new byte[length];
            random.nextBytes(data);
            records.add(new DnsResourceRecord(randomName(random), type, random.nextInt(0x8000), random.nextBoolean(),
                    random.nextLong() & 0xFFFF_FFFFL, data));
        }
        return records;
    }

    private static DnsRecordType randomType(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> DnsRecordType.A;
            case 1 -> DnsRecordType.AAAA;
            case 2 -> DnsRecordType.ANY;
            default -> DnsRecordType.valueOf(random.nextInt(0x10000));
        };
    }

    private static DnsName randomName(Random random) {
        List<String> labels = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            labels.add(LABELS[random.nextInt(LABELS.length)]);
        }
        return DnsName.ofLabels(labels);
    }

    /** Flips, overwrites, truncates, extends or splices: the kinds of damage a fuzzer starts with. */
    static byte[] damage(Random random, byte[] input) {
        byte[] out = input;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (out.length > 0) {
                        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (out.length > 0) {
                        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
                case 3 -> {
                    byte[] longer = java.util.Arrays.copyOf(out, out.length + 1 + random.nextInt(8));
                    for (int i = out.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    out = longer;
                }
                default -> {
                    // A compression pointer to a random offset, the classic trap.
                    if (out.length > 1) {
                        int at = random.nextInt(out.length - 1);
                        out[at] = (byte) (0xC0 | random.nextInt(2));
                        out[at + 1] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        return out;
    }
}
