package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RTCIceCandidateTest {

    // Lines copied from ortc-sdp/src/test/resources/org/ortc4j/sdp/corpus and .../public, as the
    // implementations wrote them (lower-case transport), so formatting must give them back exactly.
    @ParameterizedTest
    @ValueSource(strings = {
        // Chromium host UDP, IPv4, with generation/network-id/network-cost
        "candidate:1039001212 1 udp 2122194687 192.168.99.58 45076 typ host generation 0 network-id 1 network-cost 10",
        // Chromium TCP active, port 9 (RFC 6544 §4.5: the discard port for active candidates)
        "candidate:1936595596 1 tcp 1518214911 192.168.99.58 9 typ host tcptype active generation 0 network-id 1 network-cost 10",
        // Chromium TCP passive on IPv6 loopback
        "candidate:1876313031 1 tcp 1518157055 ::1 53103 typ host tcptype passive generation 0 network-id 4",
        // Chromium IPv6 global
        "candidate:2665802302 1 udp 2122262783 2a02:a03f:3eb0:e000:b0aa:d60a:cff2:933c 38475 typ host generation 0 network-id 2 network-cost 10",
        // Chromium with ufrag in the middle of the extensions
        "candidate:32b1715da3b0ef8ba684454eb 1 udp 2116026367 192.0.2.2 39412 typ host generation 0 ufrag 5801",
        // aiortc: 32-hex foundation, no extensions, RTCP component
        "candidate:16572de626da4e5384a0ce2d0d93678a 1 udp 2130706431 127.0.0.1 33138 typ host",
        "candidate:2207250066 2 udp 2130706431 10.166.44.1 57676 typ host",
        // aiortc srflx with raddr/rport
        "candidate:4bc0bb2f32cea4d0dad824a6fa6164d4 1 udp 1694498815 115.156.132.20 59270 typ srflx raddr 192.168.31.22 rport 59270",
        // Safari (public/safari-offer-audio-video-data.sdp): srflx with extensions after rport
        "candidate:842163049 1 udp 1677729535 82.64.133.208 51044 typ srflx raddr 192.168.0.87 rport 51044 generation 0 network-cost 999",
        // Janus (public/janus-offer-videoroom-subscriber.sdp)
        "candidate:2 1 udp 1677722111 39.106.109.29 28736 typ srflx raddr 172.17.247.247 rport 28736",
        // Not from the corpus (it has none): an mDNS host candidate in the form Chromium writes
        "candidate:2839453427 1 udp 2113937151 8b7e8a5e-7ac9-4b6b-8a1e-2f1f5b2b7f4a.local 56402 typ host generation 0 ufrag uK1x network-cost 999",
        // Not from the corpus: a relay candidate in Chromium's form, privacy-masked related address
        "candidate:3940928384 1 udp 41885695 203.0.113.7 61297 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag uK1x network-id 1",
    })
    void realCandidatesRoundTripExactly(String line) {
        RTCIceCandidate candidate = RTCIceCandidate.parse(line);
        assertThat(candidate.toCandidateString()).isEqualTo(line);
        assertThat(RTCIceCandidate.parse("a=" + line)).isEqualTo(candidate);
        assertThat(RTCIceCandidate.parse("a=" + line + "\r\n")).isEqualTo(candidate);
        assertThat(candidate.toSdpAttribute()).isEqualTo("a=" + line);
        assertThat(candidate).hasSameHashCodeAs(RTCIceCandidate.parse(line));
    }

    @Test
    void chromiumHostCandidateHasEveryW3cField() {
        RTCIceCandidate c = RTCIceCandidate.parse("candidate:1039001212 1 udp 2122194687 192.168.99.58 45076 "
                + "typ host generation 0 ufrag 5801 network-id 1 network-cost 10");
        assertThat(c.foundation()).isEqualTo("1039001212");
        assertThat(c.component()).isEqualTo(RTCIceComponent.RTP);
        assertThat(c.componentId()).isEqualTo(1);
        assertThat(c.protocol()).isEqualTo(RTCIceProtocol.UDP);
        assertThat(c.priority()).isEqualTo(2122194687L);
        assertThat(c.address()).isEqualTo("192.168.99.58");
        assertThat(c.port()).isEqualTo(45076);
        assertThat(c.type()).isEqualTo(RTCIceCandidateType.HOST);
        assertThat(c.tcpType()).isNull();
        assertThat(c.relatedAddress()).isNull();
        assertThat(c.relatedPort()).isNull();
        assertThat(c.usernameFragment()).isEqualTo("5801");
        assertThat(c.isMdnsAddress()).isFalse();
        assertThat(c.extensions()).containsExactly(
                new RTCIceCandidate.Extension("generation", "0"),
                new RTCIceCandidate.Extension("ufrag", "5801"),
                new RTCIceCandidate.Extension("network-id", "1"),
                new RTCIceCandidate.Extension("network-cost", "10"));
        assertThat(c.extension("network-cost")).isEqualTo("10");
        assertThat(c.extension("nope")).isNull();
    }

    @Test
    void tcpActiveCandidateHasItsTcpType() {
        RTCIceCandidate c = RTCIceCandidate.parse(
                "a=candidate:130279901 1 tcp 1518288127 ::1 9 typ host tcptype active generation 0 network-id 4 network-cost 50");
        assertThat(c.protocol()).isEqualTo(RTCIceProtocol.TCP);
        assertThat(c.tcpType()).isEqualTo(RTCIceTcpCandidateType.ACTIVE);
        assertThat(c.address()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9);
    }

    @Test
    void srflxAndRelayCarryTheirRelatedAddress() {
        RTCIceCandidate srflx = RTCIceCandidate.parse(
                "candidate:361876842 2 udp 1694498815 87.228.29.225 34297 typ srflx raddr 0.0.0.0 rport 34297");
        assertThat(srflx.type()).isEqualTo(RTCIceCandidateType.SRFLX);
        assertThat(srflx.component()).isEqualTo(RTCIceComponent.RTCP);
        assertThat(srflx.relatedAddress()).isEqualTo("0.0.0.0");
        assertThat(srflx.relatedPort()).isEqualTo(34297);

        RTCIceCandidate relay = RTCIceCandidate.parse(
                "candidate:7 1 udp 16777215 2001:db8::7 3478 typ relay raddr 2001:db8::1 rport 50000");
        assertThat(relay.type()).isEqualTo(RTCIceCandidateType.RELAY);
        assertThat(relay.relatedAddress()).isEqualTo("2001:db8::1");
        assertThat(relay.relatedPort()).isEqualTo(50000);

        RTCIceCandidate prflx = RTCIceCandidate.parse("candidate:9 1 udp 1845501695 198.51.100.9 40000 typ prflx");
        assertThat(prflx.type()).isEqualTo(RTCIceCandidateType.PRFLX);
        assertThat(prflx.relatedAddress()).isNull();
    }

    @Test
    void mdnsHostNamesAreKeptAsWritten() {
        RTCIceCandidate c = RTCIceCandidate.parse(
                "candidate:1 1 udp 2122260223 6A4E2D6B-0C3A-4D1B-9E2F-6F6E1D2C3B4A.local 54321 typ host");
        assertThat(c.address()).isEqualTo("6A4E2D6B-0C3A-4D1B-9E2F-6F6E1D2C3B4A.local");
        assertThat(c.isMdnsAddress()).isTrue();
    }

    // RFC 5234 §2.3: ABNF strings are case-insensitive; Firefox and libnice write "UDP"/"TCP".
    @Test
    void keywordsAreCaseInsensitiveAndWrittenInLowerCase() {
        RTCIceCandidate firefox = RTCIceCandidate.parse(
                "candidate:2 1 UDP 1686109951 176.99.247.125 59405 typ srflx raddr 0.0.0.0 rport 0");
        assertThat(firefox.protocol()).isEqualTo(RTCIceProtocol.UDP);
        assertThat(firefox.toCandidateString())
                .isEqualTo("candidate:2 1 udp 1686109951 176.99.247.125 59405 typ srflx raddr 0.0.0.0 rport 0");

        RTCIceCandidate shouting = RTCIceCandidate.parse(
                "candidate:1 1 TCP 1 192.0.2.1 9 TYP HOST TCPTYPE SO");
        assertThat(shouting.type()).isEqualTo(RTCIceCandidateType.HOST);
        assertThat(shouting.tcpType()).isEqualTo(RTCIceTcpCandidateType.SO);
        assertThat(shouting.toCandidateString()).isEqualTo("candidate:1 1 tcp 1 192.0.2.1 9 typ host tcptype so");
    }

    @Test
    void unknownExtensionsSurviveInOrderWithDuplicates() {
        String line = "candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host x-foo bar generation 3 x-foo baz ü ö";
        RTCIceCandidate c = RTCIceCandidate.parse(line);
        assertThat(c.toCandidateString()).isEqualTo(line);
        assertThat(c.extension("x-foo")).isEqualTo("bar");
        assertThat(c.extensions()).hasSize(4);
    }

    @Test
    void extraSpacesAreTolerated() {
        RTCIceCandidate c = RTCIceCandidate.parse("candidate:1  1 udp 5 192.0.2.1 5000 typ host  generation 0 ");
        assertThat(c.toCandidateString()).isEqualTo("candidate:1 1 udp 5 192.0.2.1 5000 typ host generation 0");
    }

    @Test
    void boundaryValuesAreAccepted() {
        RTCIceCandidate c = RTCIceCandidate.parse("candidate:" + "a".repeat(32)
                + " 256 udp 4294967295 255.255.255.255 65535 typ host");
        assertThat(c.componentId()).isEqualTo(256);
        assertThat(c.component()).isNull();
        assertThat(c.priority()).isEqualTo(4294967295L);
        assertThat(c.port()).isEqualTo(65535);
        RTCIceCandidate zero = RTCIceCandidate.parse("candidate:+/ 1 udp 0 :: 0 typ host");
        assertThat(zero.priority()).isZero();
        assertThat(zero.port()).isZero();
        assertThat(RTCIceCandidate.parse("candidate:1 1 udp 1 ::ffff:192.0.2.1 1 typ host").address())
                .isEqualTo("::ffff:192.0.2.1");
        assertThat(RTCIceCandidate.parse("candidate:1 1 udp 1 1:2:3:4:5:6:7:8 1 typ host").address())
                .isEqualTo("1:2:3:4:5:6:7:8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|does not start with \"candidate:\"",
        "1 1 udp 1 192.0.2.1 1 typ host|does not start with \"candidate:\"",
        "a=candidate:|found 0 fields",
        "candidate:1 1 udp 1 192.0.2.1 1 typ|found 7 fields",
        "candidate:1 1 udp 1 192.0.2.1 1 type host|expected \"typ\" after the port, found \"type\"",
        "candidate:abc-def 1 udp 1 192.0.2.1 1 typ host|foundation must be 1 to 32 ice-chars",
        "candidate:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1 udp 1 192.0.2.1 1 typ host|foundation must be 1 to 32 ice-chars",
        "candidate:1 0 udp 1 192.0.2.1 1 typ host|component-id 0 is outside 1..256",
        "candidate:1 257 udp 1 192.0.2.1 1 typ host|component-id 257 is outside 1..256",
        "candidate:1 0001 udp 1 192.0.2.1 1 typ host|component-id \"0001\" must be 1 to 3 digits",
        "candidate:1 1 sctp 1 192.0.2.1 1 typ host|transport \"sctp\" is not supported; expected udp or tcp",
        "candidate:1 1 udp 4294967296 192.0.2.1 1 typ host|priority 4294967296 is outside 0..4294967295",
        "candidate:1 1 udp 12345678901 192.0.2.1 1 typ host|priority \"12345678901\" must be 1 to 10 digits",
        "candidate:1 1 udp -1 192.0.2.1 1 typ host|priority \"-1\" is not a decimal number",
        "candidate:1 1 udp 1 192.0.2.1 65536 typ host|port 65536 is outside 0..65535",
        "candidate:1 1 udp 1 192.0.2.1 0x10 typ host|port \"0x10\" is not a decimal number",
        "candidate:1 1 udp 1 192.0.2.256 1 typ host|address \"192.0.2.256\" is not an IPv4 address, an IPv6 address or a DNS name",
        "candidate:1 1 udp 1 2001:db8:::1 1 typ host|address \"2001:db8:::1\" is not an IPv4 address",
        "candidate:1 1 udp 1 fe80::1%eth0 1 typ host|address \"fe80::1%eth0\" is not an IPv4 address",
        "candidate:1 1 udp 1 [::1] 1 typ host|address \"[::1]\" is not an IPv4 address",
        "candidate:1 1 udp 1 192.0.2.1 1 typ local|candidate type \"local\" is not supported; expected host, srflx, prflx or relay",
        "candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr|\"raddr\" has no address after it",
        "candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr 0.0.0.0 rport|\"rport\" has no port after it",
        "candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr 0.0.0.0 rport 70000|rport 70000 is outside 0..65535",
        "candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr nowhere! rport 1|related address \"nowhere!\" is not an IPv4 address",
        "candidate:1 1 udp 1 192.0.2.1 1 typ host generation|extension \"generation\" has no value",
        "candidate:1 1 udp 1 192.0.2.1 1 typ host generation 0 raddr 0.0.0.0|\"raddr\" must come right after the candidate type",
        "candidate:1 1 udp 1 192.0.2.1 1 typ host tcptype active|tcptype active on a udp candidate",
        "candidate:1 1 tcp 1 192.0.2.1 1 typ host tcptype sideways|tcptype \"sideways\" is not active, passive or so",
        "candidate:1 1 tcp 1 192.0.2.1 1 typ host tcptype active tcptype passive|tcptype appears twice",
        "candidate:1 1 udp 1 192.0.2.1 1 typ host ufrag a ufrag b|ufrag appears twice",
        "candidate:1 1 udp 1 192.0.2.1 1 typ host ufrag a-b|ufrag must be 1 to 256 ice-chars, not \"a-b\"",
        "Candidate:1 1 udp 1 192.0.2.1 1 typ host|does not start with \"candidate:\"",
    })
    void malformedCandidatesAreRejectedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> RTCIceCandidate.parse(text))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageStartingWith("not an ICE candidate: \"")
                .hasMessageContaining(reason);
    }

    @Test
    void controlCharactersAreRejected() {
        assertThatThrownBy(() -> RTCIceCandidate.parse("candidate:1 1 udp 1 192.0.2.1 1 typ host\tgeneration 0"))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageContaining("control character U+0009 at index");
        assertThatThrownBy(() -> RTCIceCandidate.parse("candidate:1 1 udp 1 192.0.2.1 1 typ host\r\na=candidate:2"))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageContaining("control character U+000D");
        assertThatThrownBy(() -> RTCIceCandidate.parse("candidate:1 1 udp 1 192.0.2.1 1 typ host\0"))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageContaining("U+0000");
    }

    @Test
    void longJunkIsQuotedAbbreviated() {
        String junk = "candidate:" + "x".repeat(10_000);
        assertThatThrownBy(() -> RTCIceCandidate.parse(junk))
                .isInstanceOf(CandidateParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> RTCIceCandidate.parse(null)).isInstanceOf(NullPointerException.class);
    }

    // RFC 8445 §5.1.2.1: priority = (2^24)*(type preference) + (2^8)*(local preference)
    // + (2^0)*(256 - component ID); §5.1.2.2 recommends 126/110/100/0.
    @Test
    void priorityFormulaMatchesRfc8445() {
        assertThat(RTCIceCandidate.computePriority(126, 65535, 1)).isEqualTo(2130706431L);
        assertThat(RTCIceCandidate.computePriority(126, 65535, 2)).isEqualTo(2130706430L);
        assertThat(RTCIceCandidate.computePriority(100, 65535, 1)).isEqualTo(1694498815L);
        assertThat(RTCIceCandidate.computePriority(110, 65535, 1)).isEqualTo(1862270975L);
        assertThat(RTCIceCandidate.computePriority(0, 65535, 1)).isEqualTo(16777215L);
        assertThat(RTCIceCandidate.computePriority(0, 0, 256)).isZero();
        // A Chromium host candidate of the corpus, 2122194687, is the formula with type
        // preference 126, local preference 32286 and component 1.
        assertThat(RTCIceCandidate.computePriority(126, 32286, 1)).isEqualTo(2122194687L);
        assertThat(RTCIceCandidateType.HOST.recommendedTypePreference()).isEqualTo(126);
        assertThat(RTCIceCandidateType.PRFLX.recommendedTypePreference()).isEqualTo(110);
        assertThat(RTCIceCandidateType.SRFLX.recommendedTypePreference()).isEqualTo(100);
        assertThat(RTCIceCandidateType.RELAY.recommendedTypePreference()).isZero();
    }

    @Test
    void priorityFormulaRejectsOutOfRangeInputs() {
        assertThatThrownBy(() -> RTCIceCandidate.computePriority(127, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type preference 127");
        assertThatThrownBy(() -> RTCIceCandidate.computePriority(0, 65536, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local preference 65536");
        assertThatThrownBy(() -> RTCIceCandidate.computePriority(0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("component id 0");
    }

    @Test
    void builderMakesALocalCandidateWithAComputedPriority() {
        RTCIceCandidate host = RTCIceCandidate.newBuilder()
                .foundation("1")
                .address("192.0.2.1")
                .port(5000)
                .type(RTCIceCandidateType.HOST)
                .usernameFragment("abcd")
                .extension("generation", "0")
                .build();
        assertThat(host.priority()).isEqualTo(2130706431L);
        assertThat(host.component()).isEqualTo(RTCIceComponent.RTP);
        assertThat(host.protocol()).isEqualTo(RTCIceProtocol.UDP);
        assertThat(host.usernameFragment()).isEqualTo("abcd");
        assertThat(host.toCandidateString())
                .isEqualTo("candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host ufrag abcd generation 0");

        RTCIceCandidate tcp = RTCIceCandidate.newBuilder()
                .foundation("2")
                .component(RTCIceComponent.RTCP)
                .protocol(RTCIceProtocol.TCP)
                .tcpType(RTCIceTcpCandidateType.PASSIVE)
                .address("2001:db8::1")
                .port(443)
                .type(RTCIceCandidateType.SRFLX)
                .relatedAddress("10.0.0.1")
                .relatedPort(443)
                .build();
        assertThat(tcp.priority()).isEqualTo(1694498814L);
        assertThat(tcp.toCandidateString())
                .isEqualTo("candidate:2 2 tcp 1694498814 2001:db8::1 443 typ srflx raddr 10.0.0.1 rport 443 tcptype passive");
        assertThat(RTCIceCandidate.parse(tcp.toCandidateString())).isEqualTo(tcp);

        RTCIceCandidate changed = tcp.toBuilder().tcpType(null).usernameFragment("wxyz").priority(7).build();
        assertThat(changed.tcpType()).isNull();
        assertThat(changed.priority()).isEqualTo(7);
        assertThat(changed.relatedPort()).isEqualTo(443);
        assertThat(tcp.toBuilder().build()).isEqualTo(tcp);
        assertThat(tcp.toBuilder().computedPriority().build().priority()).isEqualTo(tcp.priority());
    }

    @Test
    void builderRejectsMissingAndBadFields() {
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().address("192.0.2.1").port(1)
                .type(RTCIceCandidateType.HOST).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("foundation");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().foundation("1").address("192.0.2.1")
                .type(RTCIceCandidateType.HOST).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port is not set");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().foundation("1").port(1)
                .type(RTCIceCandidateType.HOST).build())
                .isInstanceOf(NullPointerException.class).hasMessage("address");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().foundation("1").address("192.0.2.1").port(1).build())
                .isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().foundation("1").address("192.0.2.1").port(1)
                .type(RTCIceCandidateType.HOST).relatedPort(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("related port -1");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().foundation("1").address("192.0.2.1").port(1)
                .type(RTCIceCandidateType.HOST).tcpType(RTCIceTcpCandidateType.ACTIVE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only tcp candidates");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().extension("bad name", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("white space");
        assertThatThrownBy(() -> RTCIceCandidate.newBuilder().extension("rport", "1").foundation("1")
                .address("192.0.2.1").port(1).type(RTCIceCandidateType.HOST).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("right after the candidate type");
    }

    @Test
    void extensionsListIsImmutable() {
        RTCIceCandidate c = RTCIceCandidate.parse("candidate:1 1 udp 1 192.0.2.1 1 typ host generation 0");
        assertThatThrownBy(() -> c.extensions().add(new RTCIceCandidate.Extension("a", "b")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // Property: any candidate the builder makes formats to text that parses back equal, and the
    // text is stable under a second round trip. Seeded, so a failure reproduces.
    @Test
    void randomCandidatesRoundTrip() {
        Random random = new Random(0x1CE);
        String iceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        List<String> addresses = List.of("192.0.2.1", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1",
                "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "a.local", "host-1.example.com",
                "8b7e8a5e-7ac9-4b6b-8a1e-2f1f5b2b7f4a.local");
        for (int i = 0; i < 2000; i++) {
            StringBuilder foundation = new StringBuilder();
            for (int k = 1 + random.nextInt(32); k > 0; k--) {
                foundation.append(iceChars.charAt(random.nextInt(iceChars.length())));
            }
            RTCIceProtocol protocol = RTCIceProtocol.values()[random.nextInt(2)];
            RTCIceCandidate.Builder b = RTCIceCandidate.newBuilder()
                    .foundation(foundation.toString())
                    .componentId(1 + random.nextInt(256))
                    .protocol(protocol)
                    .address(addresses.get(random.nextInt(addresses.size())))
                    .port(random.nextInt(65536))
                    .type(RTCIceCandidateType.values()[random.nextInt(4)]);
            if (random.nextBoolean()) {
                b.priority(random.nextLong() & 0xFFFF_FFFFL);
            }
            if (random.nextBoolean()) {
                b.relatedAddress(addresses.get(random.nextInt(addresses.size())));
            }
            if (random.nextBoolean()) {
                b.relatedPort(random.nextInt(65536));
            }
            for (int e = random.nextInt(4); e > 0; e--) {
                b.extension("x" + random.nextInt(5), Integer.toString(random.nextInt(1000)));
            }
            if (protocol == RTCIceProtocol.TCP && random.nextBoolean()) {
                b.tcpType(RTCIceTcpCandidateType.values()[random.nextInt(3)]);
            }
            if (random.nextBoolean()) {
                b.usernameFragment(foundation.toString());
            }
            RTCIceCandidate candidate = b.build();
            String text = candidate.toCandidateString();
            RTCIceCandidate reparsed = RTCIceCandidate.parse(text);
            assertThat(reparsed).as(text).isEqualTo(candidate);
            assertThat(reparsed.toCandidateString()).isEqualTo(text);
        }
    }

    // Property: mutating valid candidate text never escapes as anything but CandidateParseException.
    @Test
    void mutatedCandidatesParseOrFailCleanly() {
        Random random = new Random(42);
        String seed = "candidate:842163049 1 udp 1677729535 82.64.133.208 51044 typ srflx raddr 192.168.0.87 "
                + "rport 51044 generation 0 ufrag ab12 network-cost 999";
        String alphabet = " :.0123456789abcdefTCPUDPtyphostrelay-\t/+%x";
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder(seed);
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            RTCIceCandidate parsed;
            try {
                parsed = RTCIceCandidate.parse(text.toString());
            } catch (CandidateParseException expected) {
                assertThat(expected.getMessage()).startsWith("not an ICE candidate: ");
                continue;
            }
            assertThat(RTCIceCandidate.parse(parsed.toCandidateString())).isEqualTo(parsed);
        }
    }
}
