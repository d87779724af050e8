package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;

class HeaderExtensionValuesTest {

    @Test
    void audioLevelIsTheVBitAndSevenBitsOfMinusDbov() throws RtpParseException {
        // RFC 6464 §3: V in the most significant bit, then the level in -dBov.
        assertThat(Hex.of(new AudioLevelExtension(true, 42).encode())).isEqualTo("aa");
        assertThat(AudioLevelExtension.decode(Hex.buffer("7f"))).isEqualTo(new AudioLevelExtension(false, 127));
        assertThatThrownBy(() -> AudioLevelExtension.decode(Hex.buffer("7f00"))).isInstanceOf(RtpParseException.class);
        assertThatThrownBy(() -> new AudioLevelExtension(false, 128)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void videoOrientationIsCameraFlipAndRotation() throws RtpParseException {
        // 3GPP TS 26.114 §7.4.5: 0 0 0 0 C F R1 R0; R1R0 = 01 is 90 degrees.
        assertThat(Hex.of(new VideoOrientationExtension(true, false, 90).encode())).isEqualTo("09");
        assertThat(VideoOrientationExtension.decode(Hex.buffer("f7"))).isEqualTo(new VideoOrientationExtension(false, true, 270));
        assertThatThrownBy(() -> new VideoOrientationExtension(false, false, 45)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VideoOrientationExtension.decode(Hex.buffer(""))).isInstanceOf(RtpParseException.class);
    }

    @Test
    void playoutDelayIsTwelvePlusTwelveBitsOfTenMilliseconds() throws RtpParseException {
        PlayoutDelayExtension delay = PlayoutDelayExtension.decode(Hex.buffer("00a0ff"));
        assertThat(delay).isEqualTo(new PlayoutDelayExtension(0x00a, 0x0ff));
        assertThat(delay.minDelayMillis()).isEqualTo(100);
        assertThat(delay.maxDelayMillis()).isEqualTo(2550);
        assertThat(Hex.of(new PlayoutDelayExtension(0xfff, 1).encode())).isEqualTo("fff001");
        assertThatThrownBy(() -> PlayoutDelayExtension.decode(Hex.buffer("0000"))).isInstanceOf(RtpParseException.class);
    }

    @Test
    void absSendTimeIsSixPointEighteenFixedPointSeconds() throws RtpParseException {
        // 1.5 s is 1.5 * 2^18 = 0x060000.
        assertThat(Hex.of(AbsSendTimeExtension.fromMicros(1_500_000).encode())).isEqualTo("060000");
        // NTP 0x00000001_80000000 (1.5 s): bits 14..37.
        assertThat(AbsSendTimeExtension.fromNtpTimestamp(0x0000_0001_8000_0000L).value()).isEqualTo(0x060000);
        // 64 s wraps to 0.
        assertThat(AbsSendTimeExtension.fromMicros(64_000_000).value()).isZero();
        assertThat(AbsSendTimeExtension.decode(Hex.buffer("ffffff")).seconds()).isCloseTo(64.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(AbsSendTimeExtension.readValue(Hex.buffer("123456"))).isEqualTo(0x123456);
        assertThatThrownBy(() -> AbsSendTimeExtension.decode(Hex.buffer("12345678"))).isInstanceOf(RtpParseException.class);
    }

    @Test
    void transportSequenceNumberIsSixteenBits() throws RtpParseException {
        assertThat(Hex.of(new TransportSequenceNumberExtension(0xabcd).encode())).isEqualTo("abcd");
        assertThat(TransportSequenceNumberExtension.readSequenceNumber(Hex.buffer("ffff"))).isEqualTo(65535);
        assertThatThrownBy(() -> TransportSequenceNumberExtension.decode(Hex.buffer("ff"))).isInstanceOf(RtpParseException.class);
    }

    @Test
    void midAndRidsAreSdesText() throws RtpParseException {
        assertThat(MidExtension.decode(ByteBuffer.wrap("0".getBytes()))).isEqualTo(new MidExtension("0"));
        assertThat(new RtpStreamIdExtension("hi").encode()).isEqualTo("hi".getBytes());
        assertThat(RepairedRtpStreamIdExtension.decode(Hex.buffer("6c6f")).rid()).isEqualTo("lo");
        assertThatThrownBy(() -> MidExtension.decode(Hex.buffer(""))).isInstanceOf(RtpParseException.class);
        assertThatThrownBy(() -> RtpStreamIdExtension.decode(Hex.buffer("ff"))).isInstanceOf(RtpParseException.class);
    }

    @Test
    void mapFindsElementsByNegotiatedUri() throws RtpParseException {
        RtpHeaderExtensionMap map = RtpHeaderExtensionMap.of(List.of(
                new RTCRtpHeaderExtensionParameters(4, MidExtension.URI),
                new RTCRtpHeaderExtensionParameters(5, TransportSequenceNumberExtension.URI),
                new RTCRtpHeaderExtensionParameters(20, AudioLevelExtension.URI)));
        RtpPacket packet = RtpPacket.builder()
                .addExtension(4, new MidExtension("audio").encode())
                .addExtension(5, new TransportSequenceNumberExtension(7).encode())
                .addExtension(20, new AudioLevelExtension(true, 3).encode())
                .build();

        // Id 20 needs the two-byte form (RFC 8285 §4.3), so the whole packet uses it.
        assertThat(packet.extensionProfile()).isEqualTo(RtpPacket.TWO_BYTE_PROFILE);
        assertThat(MidExtension.decode(map.find(packet, MidExtension.URI)).mid()).isEqualTo("audio");
        assertThat(TransportSequenceNumberExtension.readSequenceNumber(map.find(packet, TransportSequenceNumberExtension.URI)))
                .isEqualTo(7);
        assertThat(AudioLevelExtension.decode(map.find(packet, AudioLevelExtension.URI)).level()).isEqualTo(3);
        assertThat(map.find(packet, PlayoutDelayExtension.URI)).isNull();
        assertThat(map.uri(5)).contains(TransportSequenceNumberExtension.URI);
        assertThat(map.uri(6)).isEmpty();
        assertThat(map.id(VideoOrientationExtension.URI)).isZero();
        assertThatThrownBy(() -> RtpHeaderExtensionMap.of(List.of(
                new RTCRtpHeaderExtensionParameters(4, MidExtension.URI),
                new RTCRtpHeaderExtensionParameters(4, RtpStreamIdExtension.URI))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
