package org.ortc4j.peerconnection.internal.jsep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sdp.MediaDirection;

class DirectionNegotiationTest {

    @ParameterizedTest(name = "offer {0}, we want {1}: answer {2}")
    @CsvSource({
        // RFC 3264 §6.1 and RFC 9429 §5.3.1.
        "SENDRECV, SENDRECV, SENDRECV",
        "SENDRECV, SENDONLY, SENDONLY",
        "SENDRECV, RECVONLY, RECVONLY",
        "SENDRECV, INACTIVE, INACTIVE",
        "SENDONLY, SENDRECV, RECVONLY",
        "SENDONLY, SENDONLY, INACTIVE",
        "RECVONLY, SENDRECV, SENDONLY",
        "RECVONLY, RECVONLY, INACTIVE",
        "INACTIVE, SENDRECV, INACTIVE",
        "SENDRECV, STOPPED, INACTIVE",
    })
    void answerDirection(MediaDirection offered, RTCRtpTransceiverDirection wanted, MediaDirection answered) {
        assertThat(DirectionNegotiation.answer(offered, wanted)).isEqualTo(answered);
    }

    @ParameterizedTest(name = "answer {0}, ours {1}: current {2}")
    @CsvSource({
        "SENDONLY, true, SENDONLY",
        "SENDONLY, false, RECVONLY",
        "RECVONLY, false, SENDONLY",
        "SENDRECV, false, SENDRECV",
        "INACTIVE, true, INACTIVE",
    })
    void currentDirection(MediaDirection answer, boolean weAnswered, RTCRtpTransceiverDirection current) {
        assertThat(DirectionNegotiation.currentDirection(answer, weAnswered)).isEqualTo(current);
    }
}
