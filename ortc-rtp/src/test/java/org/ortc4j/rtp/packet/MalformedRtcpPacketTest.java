package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way an RTCP packet can lie is rejected with {@link RtpParseException}, nothing else. */
class MalformedRtcpPacketTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                               | ''                                                         | empty",
        "truncated header                    | 81c900                                                     | shorter than a header",
        "version 1                           | 41c90001 00000001                                          | version 1",
        "length past the end                 | 80c90002 00000001                                          | runs past the end",
        "padding count zero                  | a0c90001 00000000                                          | padding count 0",
        "padding longer than the body        | a0c90001 00000009                                          | padding count 9",
        "padding bit on an empty body        | a0c90000                                                   | padding count 0",
        "SR sender info truncated            | 80c80001 00000001                                          | NTP timestamp",
        "SR report count lying               | 81c80006 00000001 0000000000000000 00000000 00000000 00000000 | 1 report blocks",
        "RR report count lying               | 82c90007 00000001 000000000000000000000000000000000000000000000000 | 2 report blocks",
        "RR extension not whole words        | a0c90002 00000001 00000003                                 | not whole 32-bit words",
        "SDES chunk count lying              | 82ca0002 00000001 01016100                                 | 2 SDES chunks",
        "SDES item past the end              | 81ca0002 00000001 01056100                                 | SDES item",
        "SDES bytes after the chunks         | 81ca0003 00000001 00000000 00000000                        | after the last SDES chunk",
        "SDES chunk without terminator       | 81ca0002 00000001 01026162                                 | SDES item type",
        "BYE count lying                     | 82cb0001 00000001                                          | 2 BYE sources",
        "BYE reason past the end             | 81cb0002 00000001 05616263                                 | BYE reason",
        "BYE reason not UTF-8                | 81cb0002 00000001 01ff0000                                 | not UTF-8",
        "BYE bytes after the reason          | 81cb0003 00000001 01610000 00000000                        | after the BYE reason",
        "APP without name                    | 80cc0001 00000001                                          | APP name",
        "NACK without FCI                    | 81cd0002 00000001 00000002                                 | not one or more 4-byte entries",
        "feedback without SSRCs              | 81cd0001 00000001                                          | media SSRC",
        "PLI with FCI                        | 81ce0003 00000001 00000002 00000000                        | has no FCI",
        "FIR entry truncated                 | 84ce0003 00000001 00000000 00000003                        | not one or more 8-byte entries",
        "REMB SSRC count lying               | 8fce0005 00000001 00000000 52454d42 02000001 00000001      | 2 REMB SSRCs",
        "REMB bitrate overflow               | 8fce0004 00000001 00000000 52454d42 00ffffff               | overflows",
        "TWCC with no packet                 | 8fcd0004 00000001 00000002 00010000 00000000               | no packet",
        "TWCC chunks missing                 | 8fcd0004 00000001 00000002 00010010 00000000               | packet chunk",
        "TWCC delta missing                  | 8fcd0005 00000001 00000002 00010003 00000000 20030000      | small receive delta",
        "TWCC large delta missing            | 8fcd0005 00000001 00000002 00010002 00000000 40020000      | large receive delta",
        "TWCC reserved symbol                | 8fcd0005 00000001 00000002 00010001 00000000 60010000      | symbol 3 is reserved",
        "TWCC bytes after the deltas         | 8fcd0006 00000001 00000002 00010001 00000000 20010500 00000000 | after the receive deltas",
        "XR block past the end               | 80cf0002 00000001 04000002                                 | XR block of type 4",
        "XR RRTR length wrong                | 80cf0003 00000001 04000001 00000000                        | RRTR block length",
        "XR DLRR length not 3 per sub-block  | 80cf0004 00000001 05000002 00000000 00000000               | not a multiple of 3",
        "XR partial block header             | a0cf0002 00000001 04000002                                 | XR block",
        "second packet truncated             | 81ce0002 00000001 00000002 81ce0002 00000001               | RTCP packet 1",
    })
    void rejects(String name, String hex, String message) {
        assertThatThrownBy(() -> RtcpCompoundPacket.parse(Hex.buffer(hex.trim())))
                .isInstanceOf(RtpParseException.class)
                .hasMessageContaining(message.trim());
    }
}
