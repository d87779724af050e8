package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.media.MediaStreamTrackState;

class RTCRtpTransceiverTest {

    private DtlsLoopback pair;
    private RTCRtpTransceiver transceiver;

    @BeforeEach
    void setUp() throws Exception {
        pair = DtlsLoopback.connect();
        transceiver = new RTCRtpTransceiver(new RTCRtpSender("video", pair.a), new RTCRtpReceiver("video", pair.a),
                RTCRtpTransceiverDirection.SENDRECV);
    }

    @AfterEach
    void close() throws Exception {
        transceiver.stop();
        pair.close();
    }

    @Test
    void directionChangesAskForNegotiationOnlyWhenTheyChangeSomething() {
        AtomicInteger needed = new AtomicInteger();
        transceiver.onNegotiationNeeded(needed::incrementAndGet);
        transceiver.setDirection(RTCRtpTransceiverDirection.SENDRECV);
        assertThat(needed).hasValue(0);
        transceiver.setDirection(RTCRtpTransceiverDirection.RECVONLY);
        assertThat(needed).hasValue(1);
        assertThat(transceiver.direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
        assertThat(transceiver.currentDirection()).isEmpty();
        transceiver.setCurrentDirection(RTCRtpTransceiverDirection.RECVONLY);
        assertThat(transceiver.currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY);
        assertThatThrownBy(() -> transceiver.setDirection(RTCRtpTransceiverDirection.STOPPED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMidIsSetOnce() {
        assertThat(transceiver.mid()).isEmpty();
        transceiver.setMid("0");
        transceiver.setMid("0");
        assertThat(transceiver.mid()).contains("0");
        assertThatThrownBy(() -> transceiver.setMid("1")).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void codecPreferencesMustBeReceiverCapabilities() {
        List<RTCRtpCodecCapability> capabilities = RTCRtpReceiver.getCapabilities("video").codecs();
        RTCRtpCodecCapability vp8 = capabilities.stream().filter(c -> c.name().equals("VP8")).findFirst().orElseThrow();
        RTCRtpCodecCapability rtx = capabilities.stream().filter(c -> c.name().equals("rtx")).findFirst().orElseThrow();
        transceiver.setCodecPreferences(List.of(vp8, rtx));
        assertThat(transceiver.codecPreferences()).containsExactly(vp8, rtx);
        // Same codec spelled in other case is the same codec (RFC 6838 §4.2: case-insensitive).
        transceiver.setCodecPreferences(List.of(new RTCRtpCodecCapability("video/vp8", 90_000)));
        assertThatThrownBy(() -> transceiver.setCodecPreferences(List.of(new RTCRtpCodecCapability("video/H265", 90_000))))
                .isInstanceOf(InvalidModificationException.class);
        assertThatThrownBy(() -> transceiver.setCodecPreferences(List.of(rtx))).isInstanceOf(InvalidModificationException.class);
        transceiver.setCodecPreferences(List.of());
        assertThat(transceiver.codecPreferences()).isEmpty();
    }

    @Test
    void stopStopsBothHalvesForGood() {
        AtomicInteger needed = new AtomicInteger();
        transceiver.onNegotiationNeeded(needed::incrementAndGet);
        transceiver.stop();
        transceiver.stop();
        assertThat(needed).hasValue(1);
        assertThat(transceiver.stopped()).isTrue();
        assertThat(transceiver.direction()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
        assertThatThrownBy(() -> transceiver.setDirection(RTCRtpTransceiverDirection.SENDONLY))
                .isInstanceOf(InvalidStateException.class);
        assertThat(transceiver.receiver().track().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        RTCRtpParameters video = new RTCRtpParameters(List.of(RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build()),
                null, null);
        assertThatThrownBy(() -> transceiver.sender().send(RTCRtpSendParameters.of(video, "0", RTCRtpEncodingParameters.ofSsrc(1))))
                .isInstanceOf(InvalidStateException.class);
    }

    @Test
    void bothHalvesMustBeOfOneKind() {
        assertThatThrownBy(() -> new RTCRtpTransceiver(new RTCRtpSender("audio", pair.b), new RTCRtpReceiver("video", pair.b),
                RTCRtpTransceiverDirection.SENDRECV)).isInstanceOf(IllegalArgumentException.class);
    }
}
