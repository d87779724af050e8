package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.internal.mdns.DnsMessageTest.hex;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed DNS messages are rejected with {@link DnsParseException} and a reason, never with anything else. */
class MalformedDnsTest {

    /** A header with these counts (QD, AN, NS, AR) followed by {@code body}. */
    static byte[] message(int qd, int an, int ns, int ar, String body) {
        return hex(String.format("0000 0000 %04x %04x %04x %04x", qd, an, ns, ar) + body);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // The header (RFC 1035 §4.1.1)
                Arguments.of("empty input", new byte[0], "0 bytes is shorter than the 12-byte header"),
                Arguments.of("truncated header", Arrays.copyOf(message(0, 0, 0, 0, ""), 11),
                        "11 bytes is shorter than the 12-byte header"),
                Arguments.of("longer than any mDNS message", new byte[DnsMessage.MAX_MESSAGE_LENGTH + 1],
                        "longer than the largest Multicast DNS message"),

                // Counts the bytes cannot hold
                Arguments.of("one question, no bytes", message(1, 0, 0, 0, ""), "need at least 5 bytes but 0 follow"),
                Arguments.of("65535 questions", message(0xFFFF, 0, 0, 0, "00 0001 0001"), "need at least 327675 bytes"),
                Arguments.of("answer count too large", message(0, 2, 0, 0, "00 0001 0001 00000078 0004 0a000001"),
                        "need at least 22 bytes but 15 follow"),
                Arguments.of("additional count too large", message(0, 0, 0, 0xFFFF, ""), "need at least 720885 bytes"),
                Arguments.of("record cut inside RDATA", message(0, 1, 0, 0, "00 0010 0001 00000078 0008 41424344"),
                        "RDATA of . TXT at byte 23 needs 8 bytes but 4 remain"),
                Arguments.of("second question cut short", message(2, 0, 0, 0, "00 0001 0001 01 61 00 0001 00"),
                        "QCLASS at byte 22 needs 2 bytes but 1 remain"),

                // Names (RFC 1035 §3.1, §4.1.4)
                Arguments.of("label past the end", message(1, 0, 0, 0, "05 6c6f6361"), "label of 5 bytes at byte 12 runs past the end"),
                Arguments.of("name without its terminating zero", message(1, 0, 0, 0, "01 61 01 62 01"),
                        "runs past the end of the message"),
                Arguments.of("pointer loop onto itself", message(1, 0, 0, 0, "c00c 0001 0001"),
                        "compression pointer at byte 12 to offset 12 does not point back"),
                Arguments.of("pointer loop between two names", message(2, 0, 0, 0, "01 61 c013 0001 0001 01 62 c00c 0001 0001"),
                        "compression pointer at byte 14 to offset 19 does not point back"),
                // The pointer points before itself but into its own name: a loop that "earlier than the
                // pointer" alone would let through.
                Arguments.of("loop through a backward pointer", message(1, 0, 0, 0, "01 62 01 63 c00e 0001 0001"),
                        "compression pointer at byte 16 to offset 14 does not point back before byte 12"),
                Arguments.of("forward pointer", message(2, 0, 0, 0, "c011 0001 0001 01 61 00 0001 0001"),
                        "compression pointer at byte 12 to offset 17 does not point back"),
                Arguments.of("pointer beyond the message", message(1, 0, 0, 0, "c1ff 0001 0001"),
                        "to offset 511 does not point back"),
                Arguments.of("pointer into the header", message(1, 0, 0, 0, "c004 0001 0001"), "points into the header (offset 4)"),
                Arguments.of("pointer cut in half", message(1, 0, 0, 0, "01 61 01 62 c0"),
                        "compression pointer at byte 16 runs past the end"),
                Arguments.of("extended label type 0x40", message(1, 0, 0, 0, "41 00 0001 0001"), "label type 0x40 at byte 12"),
                Arguments.of("label type 0x80", message(1, 0, 0, 0, "81 00 0001 0001"), "label type 0x80 at byte 12"),
                Arguments.of("name longer than 255 bytes", message(1, 0, 0, 0,
                        ("3f" + "61".repeat(63)).repeat(4) + "00 0001 0001"), "is longer than 255 bytes"),
                Arguments.of("name longer than 255 bytes through pointers", message(2, 0, 0, 0,
                        ("3f" + "61".repeat(63)).repeat(3) + "00 0001 0001" + "3f" + "62".repeat(63) + "c00c 0001 0001"),
                        "starting at byte 209 is longer than 255 bytes"),
                Arguments.of("label that is not UTF-8", message(1, 0, 0, 0, "02 c328 05 6c6f63616c 00 0001 0001"),
                        "label at byte 12 is not valid UTF-8"),

                // Address records (RFC 1035 §3.4.1, RFC 3596 §2.2)
                Arguments.of("A record with 3 bytes", message(0, 1, 0, 0, "00 0001 0001 00000078 0003 0a0000"),
                        "A record with 3 bytes of data, expected 4 at byte 23"),
                Arguments.of("AAAA record with 4 bytes", message(0, 1, 0, 0, "00 001c 0001 00000078 0004 0a000001"),
                        "AAAA record with 4 bytes of data, expected 16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithAReason(String description, byte[] input, String reason) {
        assertThatThrownBy(() -> DnsMessage.decode(input))
                .isExactlyInstanceOf(DnsParseException.class)
                .hasMessageStartingWith("DNS: ")
                .hasMessageContaining(reason);
    }
}
