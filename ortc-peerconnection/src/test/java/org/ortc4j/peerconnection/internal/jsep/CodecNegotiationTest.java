package org.ortc4j.peerconnection.internal.jsep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionCapability;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;

class CodecNegotiationTest {

    private static final LocalCapabilities CAPS = LocalCapabilities.defaults();

    private static RTCRtpCodecParameters h264(int pt, String profileLevelId, String mode) {
        return RTCRtpCodecParameters.newBuilder("video/H264", 90_000, pt)
                .parameter("packetization-mode", mode).parameter("profile-level-id", profileLevelId)
                .rtcpFeedback(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"),
                        new RTCRtcpFeedback("x-unknown"))
                .build();
    }

    private static RTCRtpCodecParameters rtx(int pt, int apt) {
        return RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, pt).parameter("apt", Integer.toString(apt)).build();
    }

    private static RTCRtpCodecParameters vp8(int pt) {
        return RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, pt).build();
    }

    @ParameterizedTest(name = "{0} mode {1} accepted: {2}")
    @CsvSource({
        // RFC 6184 §8.2.2: the profile decides, not the level.
        "42e01f, 1, true",   // constrained baseline 3.1, as ours
        "42e034, 1, true",   // constrained baseline 5.2: other level, same profile
        "4d801f, 1, true",   // main with constraint_set0: constrained baseline too
        "42001f, 1, true",   // baseline: we list it
        "4d001f, 1, false",  // main
        "640c1f, 1, false",  // constrained high
        "64001f, 1, false",  // high
        "42e01f, 2, false",  // interleaved mode: not ours
        "zz001f, 1, false",  // not hex
    })
    void h264IsMatchedByProfileAndPacketizationMode(String profileLevelId, String mode, boolean accepted) {
        List<RTCRtpCodecParameters> answer = CodecNegotiation.answer("video", List.of(h264(100, profileLevelId, mode)),
                CAPS, List.of());

        assertThat(answer.isEmpty()).isEqualTo(!accepted);
        if (accepted) {
            RTCRtpCodecParameters codec = answer.get(0);
            assertThat(codec.payloadType()).isEqualTo(100);
            assertThat(codec.parameters()).containsEntry("profile-level-id", profileLevelId)
                    .containsEntry("level-asymmetry-allowed", "1");
            // RFC 4585 §4.2: feedback we do not use is left out of the answer.
            assertThat(codec.rtcpFeedback()).containsExactly(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"));
        }
    }

    @Test
    void h264ProfilesFromProfileLevelId() {
        assertThat(H264Profile.of("42e01f")).contains(H264Profile.CONSTRAINED_BASELINE);
        assertThat(H264Profile.of("42001f")).contains(H264Profile.BASELINE);
        assertThat(H264Profile.of("58c01f")).contains(H264Profile.CONSTRAINED_BASELINE);
        assertThat(H264Profile.of("4d001f")).contains(H264Profile.MAIN);
        assertThat(H264Profile.of("640c34")).contains(H264Profile.CONSTRAINED_HIGH);
        assertThat(H264Profile.of("640034")).contains(H264Profile.HIGH);
        assertThat(H264Profile.of("f4001f")).contains(H264Profile.PREDICTIVE_HIGH_444);
        assertThat(H264Profile.of("42e0")).isEmpty();
        assertThat(H264Profile.of("6401ff")).isEmpty();
        // RFC 6184 §8.1: absent profile-level-id means Baseline, and absent packetization-mode 0.
        assertThat(H264Profile.sameCodec(Map.of(), Map.of("profile-level-id", "42000a", "packetization-mode", "0")))
                .isTrue();
    }

    @Test
    void answerKeepsTheOfferOrderAndPayloadTypesAndOnlyRtxOfKeptCodecs() {
        List<RTCRtpCodecParameters> offered = List.of(
                RTCRtpCodecParameters.newBuilder("video/unknown-codec", 90_000, 120).build(), rtx(121, 120),
                h264(102, "42e01f", "1"), rtx(103, 102),
                vp8(96), rtx(97, 96));

        List<RTCRtpCodecParameters> answer = CodecNegotiation.answer("video", offered, CAPS, List.of());

        assertThat(answer).extracting(RTCRtpCodecParameters::payloadType).containsExactly(102, 103, 96, 97);
        assertThat(answer.get(1).parameters()).containsEntry("apt", "102");
    }

    @Test
    void codecPreferencesOrderAndFilterTheAnswer() {
        List<RTCRtpCodecParameters> offered = List.of(vp8(96), rtx(97, 96), h264(102, "42e01f", "1"), rtx(103, 102));
        List<RTCRtpCodecCapability> preferences = List.of(
                RTCRtpCodecCapability.newBuilder("video/H264", 90_000).parameter("packetization-mode", "1")
                        .parameter("profile-level-id", "42e01f").build());

        // RFC 9429 §5.3.1: preferences order and exclude; without rtx in them, no rtx.
        assertThat(CodecNegotiation.answer("video", offered, CAPS, preferences))
                .extracting(RTCRtpCodecParameters::payloadType).containsExactly(102);
        List<RTCRtpCodecCapability> withRtx = List.of(preferences.get(0), new RTCRtpCodecCapability("video/VP8", 90_000),
                new RTCRtpCodecCapability("video/rtx", 90_000));
        assertThat(CodecNegotiation.answer("video", offered, CAPS, withRtx))
                .extracting(RTCRtpCodecParameters::payloadType).containsExactly(102, 103, 96, 97);
    }

    @Test
    void audioWithoutChannelsMatchesOneChannel() {
        RTCRtpCodecParameters pcmu = RTCRtpCodecParameters.newBuilder("audio/PCMU", 8000, 0).build();
        RTCRtpCodecParameters stereoPcmu = RTCRtpCodecParameters.newBuilder("audio/PCMU", 8000, 0).channels(2).build();
        RTCRtpCodecParameters opusMono = RTCRtpCodecParameters.newBuilder("audio/opus", 48000, 111).build();

        assertThat(CodecNegotiation.answer("audio", List.of(pcmu, stereoPcmu, opusMono), CAPS, List.of()))
                .containsExactly(pcmu);
    }

    @Test
    void headerExtensionsAreIntersectedByUriKeepingTheOfferersIds() {
        List<RTCRtpHeaderExtensionParameters> offered = List.of(
                new RTCRtpHeaderExtensionParameters(14, "urn:ietf:params:rtp-hdrext:toffset"),
                new RTCRtpHeaderExtensionParameters(9, MidExtension.URI),
                new RTCRtpHeaderExtensionParameters(3, TransportSequenceNumberExtension.URI));

        assertThat(CodecNegotiation.answerExtensions(offered,
                List.of(new RTCRtpHeaderExtensionCapability(TransportSequenceNumberExtension.URI),
                        new RTCRtpHeaderExtensionCapability(MidExtension.URI))))
                .containsExactly(offered.get(1), offered.get(2));
    }

    @Test
    void commonCodecsRenumberRtxWithItsCodec() {
        List<RTCRtpCodecParameters> mine = List.of(vp8(96), rtx(97, 96));
        List<RTCRtpCodecParameters> theirs = List.of(vp8(120), rtx(121, 120));

        assertThat(CodecNegotiation.common(mine, theirs, CodecNegotiation.Numbering.THEIRS))
                .extracting(c -> c.payloadType() + " " + c.parameters().getOrDefault("apt", "-"))
                .containsExactly("120 -", "121 120");
        assertThat(CodecNegotiation.common(mine, theirs, CodecNegotiation.Numbering.MINE))
                .extracting(c -> c.payloadType() + " " + c.parameters().getOrDefault("apt", "-"))
                .containsExactly("96 -", "97 96");
    }

    @Test
    void offerRegistryKeepsPayloadTypesAndAvoidsTheRemotesOtherCodecs() {
        PayloadTypeRegistry registry = new PayloadTypeRegistry();
        // The remote already numbered something else as 96, and VP8 as 100.
        registry.adopt("video/H265", 90_000, null, Map.of(), 96);
        registry.adopt("video/VP8", 90_000, null, Map.of(), 100);

        List<RTCRtpCodecParameters> first = CodecNegotiation.offer("video", CAPS, List.of(), registry);
        List<RTCRtpCodecParameters> second = CodecNegotiation.offer("video", CAPS, List.of(), registry);

        assertThat(second).isEqualTo(first);
        assertThat(first.get(0).mimeType()).isEqualTo("video/VP8");
        assertThat(first.get(0).payloadType()).isEqualTo(100);
        assertThat(first).extracting(RTCRtpCodecParameters::payloadType).doesNotContain(96).doesNotHaveDuplicates()
                .allMatch(pt -> pt < 64 || pt > 95);
        List<RTCRtpCodecParameters> audio = CodecNegotiation.offer("audio", CAPS, List.of(), registry);
        // RFC 3551: G.722, PCMU and PCMA keep their static types.
        assertThat(audio).extracting(c -> c.mimeType() + " " + c.payloadType())
                .contains("audio/G722 9", "audio/PCMU 0", "audio/PCMA 8");
    }

    @Test
    void preferencesThatAreTheSameCodecShareOnePayloadType() {
        List<RTCRtpCodecCapability> preferences = List.of(
                RTCRtpCodecCapability.newBuilder("video/H264", 90_000).parameter("packetization-mode", "1")
                        .parameter("profile-level-id", "42e01f").build(),
                RTCRtpCodecCapability.newBuilder("video/H264", 90_000).parameter("packetization-mode", "1")
                        .parameter("profile-level-id", "4d801f").build());

        List<RTCRtpCodecParameters> offer = CodecNegotiation.offer("video", CAPS, preferences, new PayloadTypeRegistry());

        assertThat(offer).hasSize(1);
        assertThat(offer.get(0).parameters()).containsEntry("profile-level-id", "42e01f");
    }

    @Test
    void extensionRegistryGivesOneIdPerUriAndSkipsTheRemotesIds() {
        ExtensionIdRegistry registry = new ExtensionIdRegistry();
        registry.adopt("urn:other", 1);

        int mid = registry.id(MidExtension.URI);
        assertThat(mid).isEqualTo(2);
        assertThat(registry.id(MidExtension.URI)).isEqualTo(mid);
        for (int i = 0; i < 12; i++) {
            registry.id("urn:x:" + i);
        }
        // RFC 8285 §4.2: 15 is reserved in one-byte headers.
        assertThat(registry.id("urn:x:next")).isEqualTo(16);
    }
}
