package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;

/** Transport-wide sequence numbers written on the send path. */
class TwccSequenceTest {

    static final int TWCC_ID = 5;
    static final int MID_ID = 1;
    static final RTCRtpHeaderExtensionParameters TWCC =
            new RTCRtpHeaderExtensionParameters(TWCC_ID, TransportSequenceNumberExtension.URI);
    static final RTCRtpHeaderExtensionParameters MID =
            new RTCRtpHeaderExtensionParameters(MID_ID, "urn:ietf:params:rtp-hdrext:sdes:mid");

    static RtpStreamInfo stream(int ssrc, String kind, RTCRtpHeaderExtensionParameters... extensions) {
        RTCRtpCodecParameters codec = kind.equals("audio")
                ? RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111).channels(2)
                        .rtcpFeedback(new RTCRtcpFeedback("transport-cc")).build()
                : RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96)
                        .rtcpFeedback(new RTCRtcpFeedback("transport-cc"), new RTCRtcpFeedback("nack")).build();
        return new RtpStreamInfo(ssrc, kind, List.of(codec), RtpHeaderExtensionMap.of(List.of(extensions)),
                new RTCRtcpParameters("cname"), null, null, null);
    }

    static int transportSequenceNumber(RtpPacket packet) {
        try {
            return TransportSequenceNumberExtension.readSequenceNumber(packet.extension(TWCC_ID));
        } catch (RtpParseException e) {
            throw new AssertionError(e);
        }
    }

    private final TransportSequenceInterceptor interceptor = (TransportSequenceInterceptor)
            TransportSequenceInterceptor.factory().create(new RtpInterceptorContext(new VirtualScheduler(), 0));
    private final List<RtpPacket> wire = new ArrayList<>();

    private static RtpPacket packet(int ssrc, int seq) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(seq * 10L).ssrc(ssrc)
                .marker(seq % 2 == 0).addCsrc(99).addExtension(MID_ID, new byte[] {'a', 'v'})
                .payload(new byte[] {1, 2, (byte) seq}).build();
    }

    @Test
    void oneCounterNumbersEveryPacketOfEveryStreamAndWraps() {
        RtpOutput audio = interceptor.bindLocalStream(stream(1, "audio", MID, TWCC), wire::add);
        RtpOutput video = interceptor.bindLocalStream(stream(2, "video", TWCC, MID), wire::add);
        int packets = 65_540;
        for (int i = 0; i < packets; i++) {
            (i % 3 == 0 ? audio : video).write(packet(i % 3 == 0 ? 1 : 2, i & 0xFFFF));
        }
        assertThat(wire).hasSize(packets);
        for (int i = 0; i < packets; i++) {
            assertThat(transportSequenceNumber(wire.get(i))).isEqualTo((1 + i) & 0xFFFF);
        }
        assertThat(interceptor.packetsNumbered()).isEqualTo(packets);
    }

    @Test
    void numberingKeepsEverythingElse() {
        RtpOutput video = interceptor.bindLocalStream(stream(2, "video", MID, TWCC), wire::add);
        RtpPacket original = packet(2, 500);
        video.write(original);

        RtpPacket numbered = wire.get(0);
        assertThat(transportSequenceNumber(numbered)).isEqualTo(1);
        assertThat(numbered.extension(MID_ID)).isEqualTo(original.extension(MID_ID));
        assertThat(numbered.payload()).isEqualTo(original.payload());
        assertThat(List.of(numbered.ssrc(), numbered.sequenceNumber(), numbered.payloadType(), numbered.csrc(0)))
                .isEqualTo(List.of(original.ssrc(), original.sequenceNumber(), original.payloadType(), original.csrc(0)));
        assertThat(numbered.timestamp()).isEqualTo(original.timestamp());
        assertThat(numbered.marker()).isEqualTo(original.marker());
    }

    @Test
    void anExistingNumberIsReplacedNotDuplicated() {
        RtpOutput video = interceptor.bindLocalStream(stream(2, "video", TWCC), wire::add);
        video.write(RtpPacket.builder().ssrc(2).addExtension(TWCC_ID, new byte[] {(byte) 0xAB, (byte) 0xCD}).build());
        assertThat(wire.get(0).extensionCount()).isEqualTo(1);
        assertThat(transportSequenceNumber(wire.get(0))).isEqualTo(1);
    }

    @Test
    void twoByteFormIsKept() {
        RtpOutput video = interceptor.bindLocalStream(stream(2, "video", TWCC), wire::add);
        video.write(RtpPacket.builder().ssrc(2).extensionProfile(RtpPacket.TWO_BYTE_PROFILE).addExtension(200, new byte[0]).build());
        assertThat(wire.get(0).extensionProfile()).isEqualTo(RtpPacket.TWO_BYTE_PROFILE);
        assertThat(wire.get(0).extension(200)).isNotNull();
        assertThat(transportSequenceNumber(wire.get(0))).isEqualTo(1);
    }

    @Test
    void retransmissionsFromTheNackResponderGetNumbersToo() throws Exception {
        org.ortc4j.rtp.RTCRtpCodecParameters vp8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96)
                .rtcpFeedback(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("transport-cc")).build();
        org.ortc4j.rtp.RTCRtpCodecParameters rtx = RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, 97)
                .parameter("apt", "96").build();
        RtpStreamInfo info = new RtpStreamInfo(2, "video", List.of(vp8, rtx), RtpHeaderExtensionMap.of(List.of(TWCC)),
                new RTCRtcpParameters("cname"), 22, null, null);
        RtpInterceptorChain chain = RtpInterceptorChain.create(
                List.of(NackResponderInterceptor.factory(), TransportSequenceInterceptor.factory()),
                new RtpInterceptorContext(new VirtualScheduler(), 0));
        RtcpInput rtcp = chain.bindRtcpInput((packets, arrival) -> { });
        RtpOutput out = chain.bindLocalStream(info, wire::add);
        for (int seq = 0; seq < 5; seq++) {
            out.write(packet(2, seq));
        }
        rtcp.receive(List.of(new org.ortc4j.rtp.packet.GenericNack(9, 2, new int[] {1})), 0);

        assertThat(wire).hasSize(6);
        RtpPacket retransmission = wire.get(5);
        assertThat(retransmission.ssrc()).isEqualTo(22);
        assertThat(org.ortc4j.rtp.payload.RtxPayload.originalSequenceNumber(retransmission.payload())).isEqualTo(1);
        assertThat(wire).extracting(TwccSequenceTest::transportSequenceNumber).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void streamsWithoutTheExtensionAreNotNumbered() {
        RtpOutput next = wire::add;
        assertThat(interceptor.bindLocalStream(stream(3, "video", MID), next)).isSameAs(next);
    }

    @Test
    void aProfileDefinedExtensionLeavesThePacketUnnumbered() {
        RtpOutput video = interceptor.bindLocalStream(stream(2, "video", TWCC), wire::add);
        RtpPacket opaque = RtpPacket.builder().ssrc(2).opaqueExtension(0x1234, new byte[4]).build();
        video.write(opaque);
        video.write(packet(2, 1));
        assertThat(wire.get(0)).isEqualTo(opaque);
        assertThat(transportSequenceNumber(wire.get(1))).isEqualTo(1);
        assertThat(interceptor.packetsNotNumbered()).isEqualTo(1);
    }
}
