package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way an RTP packet can lie is rejected with {@link RtpParseException}, nothing else. */
class MalformedRtpPacketTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty,                               '',                                                   shorter than the 12-byte",
        "truncated fixed header,              '8060000100000002000000',                             shorter than the 12-byte",
        "version 0,                           '006000010000000200000003',                           version 0",
        "version 1,                           '406000010000000200000003',                           version 1",
        "version 3,                           'c06000010000000200000003',                           version 3",
        "CSRC count past the end,             '836000010000000200000003 11111111 22222222',          CSRC count 3",
        "extension header past the end,       '906000010000000200000003 bede',                      extension header",
        "extension length past the end,       '906000010000000200000003 bede0002 10aa0000',          runs past the end of the packet",
        "one-byte element past the block,     '906000010000000200000003 bede0001 10aa 13bb',         one-byte extension element id 1",
        "two-byte element past the block,     '906000010000000200000003 10000001 0105aaaa',          two-byte extension element id 1",
        "two-byte element without length,     '906000010000000200000003 10000001 000000 05',         has no length byte",
        "padding count zero,                  'a06000010000000200000003 aa00',                      padding count is 0",
        "padding longer than the packet,      'a06000010000000200000003 aa05',                      padding of 5 bytes",
        "padding bit on a bare header,        'a0600001000000020000ff03',                           padding of 3 bytes",
    })
    void rejects(String name, String hex, String message) {
        assertThatThrownBy(() -> RtpPacket.parse(Hex.buffer(hex)))
                .isInstanceOf(RtpParseException.class)
                .hasMessageContaining(message.trim());
    }
}
