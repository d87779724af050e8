package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DNS codec against the byte layouts of RFC 1035 §4 and the Multicast DNS bits of RFC 6762 §18. */
class DnsMessageTest {

    static final String ICE_NAME = "1f0e5a6c-2b3d-4e5f-8a9b-0c1d2e3f4a5b.local";

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    /** The name as RFC 1035 §3.1 lays it out: each label after its length, then a zero byte. */
    static String nameHex(String dotted) {
        StringBuilder hex = new StringBuilder();
        for (String label : dotted.split("\\.")) {
            hex.append(String.format("%02x", label.length())).append(HexFormat.of().formatHex(label.getBytes()));
        }
        return hex.append("00").toString();
    }

    @Test
    void queryHasTheRfc1035Layout() {
        DnsMessage query = DnsMessage.query(List.of(
                DnsQuestion.of(DnsName.of(ICE_NAME), DnsRecordType.A, false),
                DnsQuestion.of(DnsName.of(ICE_NAME), DnsRecordType.AAAA, true)));

        byte[] encoded = query.encode();

        // RFC 1035 §4.1.1 header: ID 0 (RFC 6762 §18.1), flags 0, QDCOUNT 2, the other counts 0.
        // §4.1.2: QNAME, QTYPE 1 (A), QCLASS 1 (IN); the second QNAME is a pointer to offset 12
        // (0xC00C, §4.1.4), QTYPE 28 (AAAA), QCLASS IN with the top bit set (QU, RFC 6762 §5.4).
        assertThat(encoded).isEqualTo(hex("0000 0000 0002 0000 0000 0000"
                + nameHex(ICE_NAME) + "0001 0001"
                + "c00c 001c 8001"));
    }

    @Test
    void responseHasTheRfc1035LayoutWithCacheFlush() throws Exception {
        DnsMessage response = DnsMessage.response(List.of(
                DnsResourceRecord.address(DnsName.of(ICE_NAME), InetAddress.getByName("192.168.1.5"), 120, true)));

        byte[] encoded = response.encode();

        // Flags 0x8400: QR (response) and AA (RFC 6762 §18.2, §18.4). §4.1.3: NAME, TYPE 1,
        // CLASS IN with the cache-flush bit (RFC 6762 §10.2), TTL 120, RDLENGTH 4, the address.
        assertThat(encoded).isEqualTo(hex("0000 8400 0000 0001 0000 0000"
                + nameHex(ICE_NAME) + "0001 8001 00000078 0004 c0a80105"));
        DnsMessage decoded = DnsMessage.decode(encoded);
        assertThat(decoded.isResponse()).isTrue();
        assertThat(decoded.flags() & DnsMessage.FLAG_AUTHORITATIVE).isNotZero();
        assertThat(decoded.answers()).singleElement().satisfies(record -> {
            assertThat(record.cacheFlush()).isTrue();
            assertThat(record.dnsClass()).isEqualTo(DnsQuestion.CLASS_IN);
            assertThat(record.ttl()).isEqualTo(120);
            assertThat(record.address()).contains(InetAddress.getByName("192.168.1.5"));
        });
    }

    @Test
    void aaaaRecordCarriesSixteenBytes() throws Exception {
        InetAddress address = InetAddress.getByName("fe80::1:2:3:4");
        DnsMessage response = DnsMessage.response(List.of(
                DnsResourceRecord.address(DnsName.of("h.local"), address, 120, false)));

        byte[] encoded = response.encode();

        assertThat(encoded).isEqualTo(hex("0000 8400 0000 0001 0000 0000"
                + nameHex("h.local") + "001c 0001 00000078 0010 fe800000000000000001000200030004"));
        assertThat(DnsMessage.decode(encoded).answers().get(0).address()).contains(address);
    }

    @Test
    void ipv4MappedAaaaStaysIpv6() {
        byte[] mapped = hex("00000000000000000000ffff01020304");
        DnsResourceRecord record = new DnsResourceRecord(DnsName.of("m.local"), DnsRecordType.AAAA,
                DnsQuestion.CLASS_IN, false, 1, mapped);

        assertThat(record.address()).get().satisfies(a -> assertThat(a.getAddress()).isEqualTo(mapped));
    }

    @Test
    void namesShareSuffixesThroughPointers() throws Exception {
        DnsMessage response = DnsMessage.response(List.of(
                DnsResourceRecord.address(DnsName.of("a.local"), InetAddress.getByName("10.0.0.1"), 120, true),
                DnsResourceRecord.address(DnsName.of("b.local"), InetAddress.getByName("10.0.0.2"), 120, true),
                DnsResourceRecord.address(DnsName.of("a.local"), InetAddress.getByName("10.0.0.3"), 120, true)));

        byte[] encoded = response.encode();

        // "a.local" at offset 12 in full; "b.local" is the label "b" and a pointer to "local" at
        // offset 14; the second "a.local" is a pointer to offset 12.
        String record = "0001 8001 00000078 0004";
        assertThat(encoded).isEqualTo(hex("0000 8400 0000 0003 0000 0000"
                + nameHex("a.local") + record + "0a000001"
                + "0162 c00e" + record + "0a000002"
                + "c00c" + record + "0a000003"));
        assertThat(DnsMessage.decode(encoded)).isEqualTo(response);
    }

    @Test
    void decodesPointerChains() {
        // "x.local" in full at 12; at 25 "y" + pointer to 12 ("y.x.local"); at 33 "z" + pointer
        // to 25 ("z.y.x.local"): each pointer points before the labels that led to it.
        byte[] message = hex("0000 0000 0003 0000 0000 0000"
                + "01 78 05 6c6f63616c 00 0001 0001"
                + "01 79 c00c 0001 0001"
                + "01 7a c019 0001 0001");

        DnsMessage decoded = DnsMessage.decode(message);

        assertThat(decoded.questions()).extracting(q -> q.name().toString())
                .containsExactly("x.local", "y.x.local", "z.y.x.local");
    }

    @Test
    void unknownTypesSurviveARoundTrip() {
        DnsResourceRecord txt = new DnsResourceRecord(DnsName.of("svc._tcp.local"), DnsRecordType.TXT,
                DnsQuestion.CLASS_IN, false, 4500, hex("0568656c6c6f"));
        DnsResourceRecord odd = new DnsResourceRecord(DnsName.of("svc._tcp.local"), DnsRecordType.valueOf(65280),
                7, true, 0xFFFF_FFFFL, new byte[0]);
        DnsMessage message = new DnsMessage(0x1234, 0x8400, List.of(), List.of(txt), List.of(odd), List.of(txt));

        DnsMessage decoded = DnsMessage.decode(message.encode());

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.authorities().get(0).type()).hasToString("TYPE65280");
        assertThat(decoded.authorities().get(0).effectiveTtl()).as("RFC 2181 §8: top bit set counts as zero").isZero();
        assertThat(decoded.answers().get(0).address()).isEmpty();
    }

    @Test
    void headerFieldsAreReadBack() {
        // QR, OPCODE 2, AA, TC, RCODE 3.
        DnsMessage message = new DnsMessage(7, 0x8000 | (2 << 11) | 0x0400 | 0x0200 | 3, List.of(), List.of(), List.of(), List.of());

        DnsMessage decoded = DnsMessage.decode(message.encode());

        assertThat(decoded.id()).isEqualTo(7);
        assertThat(decoded.isResponse()).isTrue();
        assertThat(decoded.opcode()).isEqualTo(2);
        assertThat(decoded.rcode()).isEqualTo(3);
        assertThat(decoded.flags() & DnsMessage.FLAG_TRUNCATED).isNotZero();
    }

    @Test
    void utf8LabelsRoundTrip() {
        DnsName name = DnsName.of("Bücher Drucker.local");
        DnsMessage query = DnsMessage.query(List.of(DnsQuestion.of(name, DnsRecordType.ANY, false)));

        assertThat(DnsMessage.decode(query.encode()).questions().get(0).name()).isEqualTo(name);
    }

    @Test
    void namesCompareIgnoringAsciiCaseOnly() {
        assertThat(DnsName.of("ABC.Local").sameAs(DnsName.of("abc.local"))).isTrue();
        assertThat(DnsName.of("ABC.Local")).isNotEqualTo(DnsName.of("abc.local"));
        assertThat(DnsName.of("Ä.local").sameAs(DnsName.of("ä.local"))).as("RFC 6762 §16: ASCII only").isFalse();
        assertThat(DnsName.ofLabels(List.of("a.b", "c")).sameAs(DnsName.ofLabels(List.of("a", "b.c")))).isFalse();
        assertThat(DnsName.of("host.local.").isLocal()).isTrue();
        assertThat(DnsName.of("local").isLocal()).isFalse();
        assertThat(DnsName.of("host.example").isLocal()).isFalse();
    }

    @Test
    void questionMatchingFollowsRfc6762Section6() throws Exception {
        DnsResourceRecord a = DnsResourceRecord.address(DnsName.of("h.local"), InetAddress.getByName("10.0.0.1"), 120, true);

        assertThat(DnsQuestion.of(DnsName.of("H.LOCAL"), DnsRecordType.A, false).isAnsweredBy(a)).isTrue();
        assertThat(DnsQuestion.of(DnsName.of("h.local"), DnsRecordType.ANY, false).isAnsweredBy(a)).isTrue();
        assertThat(new DnsQuestion(DnsName.of("h.local"), DnsRecordType.A, DnsQuestion.CLASS_ANY, false).isAnsweredBy(a)).isTrue();
        assertThat(DnsQuestion.of(DnsName.of("h.local"), DnsRecordType.AAAA, false).isAnsweredBy(a)).isFalse();
        assertThat(DnsQuestion.of(DnsName.of("g.local"), DnsRecordType.A, false).isAnsweredBy(a)).isFalse();
        assertThat(new DnsQuestion(DnsName.of("h.local"), DnsRecordType.A, 3, false).isAnsweredBy(a)).isFalse();
    }

    @Test
    void namesRespectRfc1035Limits() {
        String label63 = "a".repeat(63);
        assertThat(DnsName.of(label63 + ".local").labels()).hasSize(2);
        assertThatThrownBy(() -> DnsName.of("a".repeat(64) + ".local")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 63");
        // 4 labels of 63 bytes: 4 × 64 + 1 = 257 bytes on the wire.
        String tooLong = String.join(".", label63, label63, label63, label63);
        assertThatThrownBy(() -> DnsName.of(tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 255");
        // 3 × 64 + 62 + 1 = 255: the longest name.
        String longest = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(DnsName.of(longest).wireLength()).isEqualTo(255);
        assertThat(DnsMessage.decode(DnsMessage.query(List.of(DnsQuestion.of(DnsName.of(longest), DnsRecordType.A, false)))
                .encode()).questions().get(0).name()).isEqualTo(DnsName.of(longest));
        assertThatThrownBy(() -> DnsName.of("a..local")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DnsName.of(".")).isEqualTo(DnsName.ROOT);
    }

    @Test
    void recordsCheckTheirFields() {
        DnsName name = DnsName.of("h.local");
        assertThatThrownBy(() -> new DnsResourceRecord(name, DnsRecordType.A, 1, false, 1, new byte[5]))
                .hasMessageContaining("A record with 5 bytes");
        assertThatThrownBy(() -> new DnsResourceRecord(name, DnsRecordType.AAAA, 1, false, 1, new byte[4]))
                .hasMessageContaining("AAAA record with 4 bytes");
        assertThatThrownBy(() -> new DnsResourceRecord(name, DnsRecordType.A, 0x8000, false, 1, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DnsResourceRecord(name, DnsRecordType.A, 1, false, -1, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DnsRecordType(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }
}
