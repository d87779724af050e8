package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real SDP we hold reads, writes back byte for byte, and reads again to the same model:
 * the captures of ../shared/sdp-corpus (six stacks on this machine) and SDPs published by
 * Chromium, Firefox, Safari, aiortc, Pion, libdatachannel, GStreamer and Janus.
 */
class CorpusRoundTripTest {

    static Stream<Path> corpus() {
        return SdpResources.files("corpus").stream();
    }

    static Stream<Path> published() {
        return SdpResources.files("public").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"corpus", "published"})
    void writesBackExactlyWhatItRead(Path file) {
        String text = SdpResources.read(file);

        SessionDescription parsed = SessionDescription.parse(text);

        assertThat(parsed.toSdp()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"corpus", "published"})
    void parseWriteParseGivesTheSameModel(Path file) {
        SessionDescription parsed = SessionDescription.parse(SdpResources.read(file));

        assertThat(SessionDescription.parse(parsed.toSdp())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"corpus", "published"})
    void leavesNoWebRtcAttributeUntyped(Path file) {
        SessionDescription parsed = SessionDescription.parse(SdpResources.read(file));

        Stream<SdpAttribute> all = Stream.concat(parsed.attributes().stream(),
                parsed.media().stream().flatMap(m -> m.attributes().stream()));
        assertThat(all.filter(UnknownAttribute.class::isInstance).map(SdpAttribute::name))
                .as("attributes WebRTC negotiates must be typed")
                .doesNotContain("candidate", "rtpmap", "fmtp", "rtcp-fb", "extmap", "mid", "ice-ufrag", "ice-pwd",
                        "fingerprint", "setup", "group", "ssrc", "ssrc-group", "msid", "rid", "simulcast",
                        "sctp-port", "max-message-size", "rtcp-mux", "rtcp-rsize", "sendrecv", "recvonly");
    }
}
