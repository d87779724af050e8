package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RTCStatsTest {

    private static RTCStats inbound() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("ssrc", 1234);
        members.put("kind", "video");
        members.put("jitter", 0.002f);
        members.put("packetsReceived", 10L);
        return new RTCStats("IT01V1234", RTCStatsType.INBOUND_RTP, 1000.5, members);
    }

    @Test
    void membersKeepW3cNamesAndNumbersWiden() {
        RTCStats stats = inbound();
        assertThat(stats.get("ssrc")).isEqualTo(1234L);
        assertThat(stats.getLong("packetsReceived")).isEqualTo(10);
        assertThat(stats.getDouble("jitter")).isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.getString("kind")).isEqualTo("video");
        assertThat(stats.members().keySet()).containsExactly("ssrc", "kind", "jitter", "packetsReceived");
        assertThat(stats.has("framesDecoded")).isFalse();
        assertThat(stats.type().value()).isEqualTo("inbound-rtp");
    }

    @Test
    void wrongTypesAndFixedNamesAreRefused() {
        assertThatThrownBy(() -> new RTCStats("x", RTCStatsType.CODEC, 0, Map.of("list", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RTCStats("x", RTCStatsType.CODEC, 0, Map.of("id", "y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbound().getLong("kind")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbound().getString("missing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReportFindsByIdAndTypeAndRefusesDuplicateIds() {
        RTCStats codec = new RTCStats("CIT01_96", RTCStatsType.CODEC, 1000.5, Map.of("payloadType", 96));
        RTCStatsReport report = new RTCStatsReport(List.of(inbound(), codec));
        assertThat(report.get("CIT01_96")).contains(codec);
        assertThat(report.ofType(RTCStatsType.INBOUND_RTP)).containsExactly(inbound());
        assertThat(report.size()).isEqualTo(2);
        assertThat(RTCStatsReport.merge(List.of(report, new RTCStatsReport(List.of()))).asMap()).isEqualTo(report.asMap());
        assertThatThrownBy(() -> new RTCStatsReport(List.of(codec, codec))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergingKeepsOnceACodecThatASenderAndAReceiverBothReport() {
        // webrtc-stats §7.4: one codec object per transport and payload type, shared by streams.
        RTCStats sent = new RTCStats("CIT01_96", RTCStatsType.CODEC, 1000.5, Map.of("payloadType", 96));
        RTCStats received = new RTCStats("CIT01_96", RTCStatsType.CODEC, 1000.7, Map.of("payloadType", 96));
        RTCStatsReport merged = RTCStatsReport.merge(List.of(new RTCStatsReport(List.of(sent)),
                new RTCStatsReport(List.of(inbound(), received))));
        assertThat(merged.asMap().values()).containsExactly(sent, inbound());
        RTCStats clash = new RTCStats("CIT01_96", RTCStatsType.TRANSPORT, 1000.7, Map.of());
        assertThatThrownBy(() -> RTCStatsReport.merge(List.of(new RTCStatsReport(List.of(sent)),
                new RTCStatsReport(List.of(clash))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIT01_96");
    }

    @Test
    void typesMapToTheirW3cStrings() {
        for (RTCStatsType type : RTCStatsType.values()) {
            assertThat(RTCStatsType.fromValue(type.value())).isEqualTo(type);
        }
        assertThatThrownBy(() -> RTCStatsType.fromValue("track")).isInstanceOf(IllegalArgumentException.class);
    }
}
