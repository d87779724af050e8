package org.ortc4j.sctp.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCPriorityType;

class DcepMessageTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void openHasTheRfc8832Section5_1Layout() {
        // Message Type 0x03, Channel Type 0x01 (REXMIT), Priority 256, Reliability Parameter 5,
        // Label Length 4, Protocol Length 4, then "chat" and "json".
        DataChannelOpen open = new DataChannelOpen(DataChannelType.PARTIAL_RELIABLE_REXMIT, 256, 5, "chat", "json");
        byte[] wire = hex("03 01 0100 00000005 0004 0004 63686174 6a736f6e");
        assertThat(open.encode()).isEqualTo(wire);
        assertThat(DcepMessage.decode(wire)).isEqualTo(open);
    }

    @Test
    void ackIsOneByte() {
        // RFC 8832 §5.2: DATA_CHANNEL_ACK is the Message Type 0x02 alone.
        assertThat(DataChannelAck.INSTANCE.encode()).containsExactly(0x02);
        assertThat(DcepMessage.decode(new byte[] {2})).isSameAs(DataChannelAck.INSTANCE);
    }

    @Test
    void emptyLabelAndProtocolAreAllowed() {
        byte[] wire = hex("03 80 0080 00000000 0000 0000");
        DataChannelOpen open = (DataChannelOpen) DcepMessage.decode(wire);
        assertThat(open.channelType()).isEqualTo(DataChannelType.RELIABLE_UNORDERED);
        assertThat(open.priority()).isEqualTo(128);
        assertThat(open.label()).isEmpty();
        assertThat(open.protocol()).isEmpty();
        assertThat(open.encode()).isEqualTo(wire);
    }

    @Test
    void multiByteUtf8LabelRoundTrips() {
        DataChannelOpen open = new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "données€", "π");
        byte[] wire = open.encode();
        assertThat(wire[8] << 8 | wire[9]).isEqualTo("données€".getBytes(StandardCharsets.UTF_8).length);
        assertThat(DcepMessage.decode(wire)).isEqualTo(open);
    }

    @ParameterizedTest
    @CsvSource({"00, true, RELIABLE", "80, false, RELIABLE", "01, true, REXMIT", "81, false, REXMIT",
            "02, true, TIMED", "82, false, TIMED"})
    void channelTypesOfRfc8832Section5_1(String code, boolean ordered, DataChannelType.Reliability reliability) {
        DataChannelType type = DataChannelType.fromCode(Integer.parseInt(code, 16));
        assertThat(type.ordered()).isEqualTo(ordered);
        assertThat(type.reliability()).isEqualTo(reliability);
        assertThat(DataChannelType.of(ordered, reliability)).isEqualTo(type);
    }

    @Test
    void malformedInputIsATypedParseException() {
        String[] bad = {
            "",                                      // nothing
            "01",                                    // unknown message type
            "04 00 0100 00000000 0000 0000",         // unknown message type
            "02 00",                                 // ACK with a trailing byte
            "03 00 0100 00000000 0000",              // header cut short
            "03 03 0100 00000000 0000 0000",         // channel type 0x03 is not defined
            "03 00 0100 00000000 0005 0000 61626364", // label shorter than its length
            "03 00 0100 00000000 0001 0000 6162",    // a byte after the label and protocol
            "03 00 0100 00000000 0002 0000 c328",    // label not UTF-8
            "03 00 0100 00000000 0000 0001 ff",      // protocol not UTF-8
            "03 00 0100 00000000 0003 0000 eda080",  // an encoded surrogate is not UTF-8 either
        };
        for (String b : bad) {
            assertThatThrownBy(() -> DcepMessage.decode(hex(b))).as(b).isInstanceOf(DcepParseException.class);
        }
        assertThatThrownBy(() -> DcepMessage.decode(null)).isInstanceOf(DcepParseException.class);
    }

    @Test
    void reliabilityParameterIsUnsigned32Bits() {
        DataChannelOpen open = (DataChannelOpen) DcepMessage.decode(hex("03 02 0100 ffffffff 0000 0000"));
        assertThat(open.reliabilityParameter()).isEqualTo(0xFFFF_FFFFL);
        // The W3C attribute is an unsigned short: the receiving side reads 65535.
        assertThat(open.toInit(1).maxPacketLifeTime()).isEqualTo(65535);
    }

    @Test
    void initMapsToOpenAndBack() {
        record Row(RTCDataChannelInit init, DataChannelType type, long parameter) {}
        Row[] rows = {
            new Row(RTCDataChannelInit.defaults(), DataChannelType.RELIABLE, 0),
            new Row(RTCDataChannelInit.builder().ordered(false).build(), DataChannelType.RELIABLE_UNORDERED, 0),
            new Row(RTCDataChannelInit.builder().maxRetransmits(3).build(), DataChannelType.PARTIAL_RELIABLE_REXMIT, 3),
            new Row(RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build(),
                    DataChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED, 0),
            new Row(RTCDataChannelInit.builder().maxPacketLifeTime(1500).build(), DataChannelType.PARTIAL_RELIABLE_TIMED, 1500),
            new Row(RTCDataChannelInit.builder().ordered(false).maxPacketLifeTime(10).priority(RTCPriorityType.HIGH)
                    .protocol("p").build(), DataChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED, 10),
        };
        for (Row row : rows) {
            DataChannelOpen open = DataChannelOpen.fromInit("label", row.init());
            assertThat(open.channelType()).isEqualTo(row.type());
            assertThat(open.reliabilityParameter()).isEqualTo(row.parameter());
            assertThat(open.priority()).isEqualTo(row.init().priority().wireValue());
            DataChannelOpen decoded = (DataChannelOpen) DcepMessage.decode(open.encode());
            RTCDataChannelInit back = decoded.toInit(7);
            assertThat(back).isEqualTo(RTCDataChannelInit.builder().ordered(row.init().ordered())
                    .maxRetransmits(row.init().maxRetransmits()).maxPacketLifeTime(row.init().maxPacketLifeTime())
                    .protocol(row.init().protocol()).priority(row.init().priority()).id(7).build());
        }
    }

    @Test
    void tooLongLabelIsRefused() {
        assertThatThrownBy(() -> DataChannelOpen.fromInit("x".repeat(65536), RTCDataChannelInit.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
        DataChannelOpen longest = DataChannelOpen.fromInit("x".repeat(65535), RTCDataChannelInit.defaults());
        assertThat(DcepMessage.decode(longest.encode())).isEqualTo(longest);
    }
}
