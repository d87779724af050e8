package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpCompoundPacketTest {

    /**
     * A compound from a packet dump, re-typed from Pion's rtcp tests (packet_test.go realPacket):
     * RR, SDES CNAME, BYE, PLI, RRR (RTPFB FMT 5, not modelled) and APP.
     */
    static final String PION_REAL_COMPOUND = "81c90007902f9e2ebc5e9a4000000000000046e10000011109f3643200024a79"
            + "81ca000c902f9e2e01267b39633030656239322d316166622d396434392d613437642d3931663634656565363966357d00000000"
            + "81cb0001902f9e2e81ce0002902f9e2e902f9e2e85cd0002902f9e2e902f9e2e80cc00034baae1ab4E414D4541424344";

    static RtcpCompoundPacket parse(String hex) throws RtpParseException {
        return RtcpCompoundPacket.parse(Hex.buffer(hex));
    }

    @Test
    void parsesRealCompoundAndWritesItBackByteForByte() throws RtpParseException {
        RtcpCompoundPacket compound = parse(PION_REAL_COMPOUND);

        assertThat(compound.packets()).hasSize(6);
        assertThat(compound.packets().get(0)).isEqualTo(new ReceiverReport(0x902f9e2e, List.of(
                new ReportBlock(0xbc5e9a40, 0, 0, 0x46e1, 273, 0x09f36432L, 150137))));
        SourceDescription sdes = (SourceDescription) compound.packets().get(1);
        assertThat(sdes.chunks()).hasSize(1);
        assertThat(sdes.chunks().get(0).ssrc()).isEqualTo(0x902f9e2e);
        assertThat(sdes.chunks().get(0).items()).containsExactly(SdesItem.cname("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"));
        assertThat(compound.packets().get(2)).isEqualTo(new Bye(List.of(0x902f9e2e), Optional.empty()));
        assertThat(compound.packets().get(3)).isEqualTo(new PictureLossIndication(0x902f9e2e, 0x902f9e2e));
        // RFC 4585 §6.1: an unknown feedback format is kept, not fatal.
        assertThat(compound.packets().get(4)).isEqualTo(new UnknownRtcpPacket(205, 5, false, Hex.bytes("902f9e2e902f9e2e")));
        assertThat(compound.packets().get(5)).isEqualTo(new AppPacket(0, 0x4baae1ab, "NAME", "ABCD".getBytes()));

        assertThat(Hex.of(compound.encode())).isEqualToIgnoringCase(PION_REAL_COMPOUND);
    }

    @Test
    void acceptsReducedSizeRtcpStartingWithAnyPacket() throws RtpParseException {
        // RFC 5506 §3.1: reduced-size RTCP need not start with SR/RR; here BYE then PLI, and a lone PLI.
        assertThat(parse(PION_REAL_COMPOUND.substring(168, 208)).packets())
                .containsExactly(new Bye(List.of(0x902f9e2e), Optional.empty()), new PictureLossIndication(0x902f9e2e, 0x902f9e2e));
        assertThat(parse("81ce0002 00000001 00000002".replace(" ", "")).packets())
                .containsExactly(new PictureLossIndication(1, 2));
    }

    @Test
    void rejectsTheWholeCompoundWhenOnePacketIsMalformed() {
        // A valid RR, then a PLI whose length says 3 words but carries a 4-byte FCI it must not have.
        String bad = PION_REAL_COMPOUND.substring(0, 64) + "81ce0003902f9e2e902f9e2e00000000";
        assertThatThrownBy(() -> parse(bad))
                .isInstanceOf(RtpParseException.class)
                .hasMessageContaining("RTCP packet 1");
        // Trailing bytes shorter than a header after a good packet also reject everything.
        assertThatThrownBy(() -> parse(PION_REAL_COMPOUND.substring(0, 68)))
                .isInstanceOf(RtpParseException.class)
                .hasMessageContaining("shorter than a header");
    }

    @Test
    void writesSenderReportAsRfc3550Figure() throws RtpParseException {
        SenderReport sr = new SenderReport(0x11223344, 0xe1b2c3d4_80000000L, 0xffffffffL, 10, 1000, List.of(
                new ReportBlock(0x55667788, 64, -1, 0x00010005, 12, 0xb2c3d480L, 0x00010000)));
        // RFC 3550 §6.4.1: V=2 P=0 RC=1 PT=200 length=12 words-1; sender info; one report block with
        // cumulative lost -1 as 24-bit two's complement.
        String expected = "81c8000c 11223344 e1b2c3d480000000 ffffffff 0000000a 000003e8"
                + " 55667788 40ffffff 00010005 0000000c b2c3d480 00010000";
        assertThat(Hex.of(sr.encode())).isEqualTo(Hex.clean(expected));
        assertThat(parse(Hex.clean(expected)).packets()).containsExactly(sr);
    }

    @Test
    void writesSdesChunksWithNullTerminatorAndPadding() throws RtpParseException {
        SourceDescription sdes = new SourceDescription(List.of(
                new SdesChunk(1, List.of(SdesItem.cname("ab"))),
                new SdesChunk(2, List.of(SdesItem.cname("abc"), SdesItem.text(SdesItem.TOOL, "x")))));
        // RFC 3550 §6.5: each chunk's items end with at least one null octet, padded to 32 bits:
        // chunk 1 is 4+4 bytes, and 01 02 61 62 needs a whole extra word of nulls; chunk 2 is 4+8.
        String expected = "82ca0007 00000001 01026162 00000000 00000002 01036162 63060178 00000000";
        assertThat(Hex.of(sdes.encode())).isEqualTo(Hex.clean(expected));
        assertThat(parse(Hex.clean(expected)).packets()).containsExactly(sdes);
    }

    @Test
    void writesByeWithPaddedReason() throws RtpParseException {
        Bye bye = new Bye(List.of(7, 8), Optional.of("bye"));
        // RFC 3550 §6.6: SC=2, SSRCs, length octet and text padded to 32 bits.
        assertThat(Hex.of(bye.encode())).isEqualTo("82cb00030000000700000008" + "03627965");
        assertThat(parse("82cb00030000000700000008" + "03627965").packets()).containsExactly(bye);
        assertThat(Hex.of(new Bye(List.of(), Optional.of("")).encode())).isEqualTo("80cb000100000000");
    }

    @Test
    void parsesGenericNackFromPionAndPacksSequenceNumbersAsLibwebrtc() throws RtpParseException {
        // Pion rtcp transport_layer_nack_test.go: PID 0xaaaa, BLP 0x5555 (bits 0, 2, .. 14: PID+1, PID+3, ...).
        GenericNack nack = (GenericNack) parse("81cd0003902f9e2e902f9e2eaaaa5555").packets().get(0);
        assertThat(nack.lostPackets()).containsExactly(0xaaaa, 0xaaab, 0xaaad, 0xaaaf, 0xaab1, 0xaab3, 0xaab5, 0xaab7, 0xaab9);
        assertThat(Hex.of(nack.encode())).isEqualTo("81cd0003902f9e2e902f9e2eaaaa5555");

        // RFC 4585 §6.2.1: 65535 then 0 and 1 wrap into the first entry's BLP; 20 is 21 away, a new entry.
        GenericNack built = new GenericNack(1, 2, new int[] {65535, 0, 1, 20});
        assertThat(Hex.of(built.encode())).isEqualTo("81cd0004" + "00000001" + "00000002" + "ffff0003" + "00140000");
        assertThat(new GenericNack(1, 2, new int[] {20, 1, 0, 65535, 1})).isEqualTo(built);
    }

    @Test
    void parsesChromeRembAndWritesItBack() throws RtpParseException {
        // Sent by Chrome watching a 6 Mb/s stream, from Pion's rtcp tests: exponent 6, mantissa 139487.
        String chrome = "8fce0005000000010000000052454d42011a20df4874ed16";
        Remb remb = (Remb) parse(chrome).packets().get(0);
        assertThat(remb).isEqualTo(new Remb(1, 0, 8_927_168L, List.of(1215622422)));
        assertThat(Hex.of(remb.encode())).isEqualTo(chrome);
        // An 18-bit mantissa cannot hold 2^18 + 1: it is rounded down to 2^18 (mantissa 2^17, exponent 1).
        Remb rounded = (Remb) parse(Hex.of(new Remb(1, 0, (1 << 18) + 1, List.of()).encode())).packets().get(0);
        assertThat(rounded.bitrate()).isEqualTo(1 << 18);
    }

    @Test
    void writesFullIntraRequestAsRfc5104Figure() throws RtpParseException {
        FullIntraRequest fir = new FullIntraRequest(1, 0, List.of(new FullIntraRequest.Entry(0xabcdef01, 7)));
        // RFC 5104 §4.3.1.1: SSRC, Seq nr. (8 bits), 24 reserved bits.
        assertThat(Hex.of(fir.encode())).isEqualTo("84ce0004" + "00000001" + "00000000" + "abcdef01" + "07000000");
        assertThat(parse(Hex.of(fir.encode())).packets()).containsExactly(fir);
    }

    @Test
    void parsesExtendedReportBlocksAndKeepsUnknownOnes() throws RtpParseException {
        // RFC 3611 §4.4 RRTR (BT 4, length 2), §4.5 DLRR (BT 5, length 3 per sub-block), and a BT 7 block.
        String xr = "80cf000a 00000009 04000002 0102030405060708 05000003 0000000a 11112222 00008000 07050001 deadbeef";
        ExtendedReport report = (ExtendedReport) parse(Hex.clean(xr)).packets().get(0);
        assertThat(report).isEqualTo(new ExtendedReport(9, List.of(
                new ReceiverReferenceTimeBlock(0x0102030405060708L),
                new DlrrBlock(List.of(new DlrrBlock.SubBlock(10, 0x11112222L, 0x8000))),
                new UnknownXrBlock(7, 5, Hex.bytes("deadbeef")))));
        assertThat(Hex.of(report.encode())).isEqualTo(Hex.clean(xr));
    }

    @Test
    void keepsUnknownPacketTypesWithTheirPadding() throws RtpParseException {
        // RFC 3550 §6.1: unknown types are skipped by the application, here kept for a round trip.
        String unknown = "a3d20002 01020304 00000002";
        RtcpCompoundPacket compound = parse(Hex.clean(unknown) + "81ce000200000001" + "00000002");
        assertThat(compound.packets().get(0)).isEqualTo(new UnknownRtcpPacket(210, 3, true, Hex.bytes("0102030400000002")));
        assertThat(compound.packets().get(1)).isInstanceOf(PictureLossIndication.class);
        assertThat(Hex.of(compound.encode())).isEqualTo(Hex.clean(unknown) + "81ce00020000000100000002");
    }

    @Test
    void dropsPaddingOfModelledPackets() throws RtpParseException {
        // A BYE padded with one word (RFC 3550 §6.4.1 P bit); the padding is not part of the value.
        RtcpCompoundPacket compound = parse("a1cb0002" + "00000007" + "00000004");
        assertThat(compound.packets()).containsExactly(new Bye(List.of(7), Optional.empty()));
        assertThat(Hex.of(compound.encode())).isEqualTo("81cb000100000007");
    }

    @Test
    void writesIntoACallersBuffer() {
        RtcpCompoundPacket compound = RtcpCompoundPacket.of(new PictureLossIndication(1, 2), new ReceiverReport(3, List.of()));
        ByteBuffer out = ByteBuffer.allocate(64);
        out.position(5);
        compound.writeTo(out);
        assertThat(out.position()).isEqualTo(5 + 12 + 8);
        assertThat(compound.encodedLength()).isEqualTo(20);
    }
}
