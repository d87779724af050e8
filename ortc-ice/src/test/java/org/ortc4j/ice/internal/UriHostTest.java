package org.ortc4j.ice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriHostTest {

    // RFC 5952 §4: one canonical text per IPv6 address.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // §4.1: "Leading zeros MUST be suppressed."
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            // §4.2.1: "::" used "to its maximum capability"
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8::0:1, 2001:db8::1",
            // §4.2.2: "MUST NOT be used to shorten just one 16-bit 0 field"
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:db8::1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            // §4.2.3: the longest run is shortened, the first one on a tie
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            // §4.3: "The characters ... MUST be represented in lowercase."
            "2001:DB8::ABCD, 2001:db8::abcd",
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "1:0:0:0:0:0:0:0, 1::",
            "1:0:0:0:0:0:0:1, 1::1",
            // §5: IPv4-mapped addresses end in their dotted quad
            "::ffff:c000:280, ::ffff:192.0.2.128",
            "0:0:0:0:0:ffff:192.0.2.128, ::ffff:192.0.2.128",
            // not IPv4-mapped: stays hex
            "::c000:280, ::c000:280",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void ipv6TextIsCanonicalPerRfc5952(String address, String canonical) {
        assertThat(UriHost.canonicalize(address)).isEqualTo(canonical);
        assertThat(UriHost.canonicalize("[" + address + "]")).isEqualTo(canonical);
        assertThat(UriHost.isIpv6(canonical)).isTrue();
    }

    @Test
    void registeredNamesAreNormalizedPerRfc3986Section6() {
        // §6.2.2.1 case, §6.2.2.2 percent-encoded unreserved characters decoded
        assertThat(UriHost.canonicalize("WWW.Example.COM")).isEqualTo("www.example.com");
        assertThat(UriHost.canonicalize("%77%77%77.example.com")).isEqualTo("www.example.com");
        assertThat(UriHost.canonicalize("%57ww.example.com")).isEqualTo("www.example.com");
        assertThat(UriHost.canonicalize("a%2fb")).isEqualTo("a%2Fb");
        assertThat(UriHost.canonicalize("caf%c3%a9")).isEqualTo("caf%C3%A9");
        assertThat(UriHost.isIpv6("www.example.com")).isFalse();
        assertThat(UriHost.isIpv6("192.0.2.1")).isFalse();
    }

    @Test
    void ipv4IsFourDecimalOctets() {
        assertThat(UriHost.parseIpv4("192.0.2.1")).containsExactly(192, 0, 2, 1);
        for (String bad : List.of("192.0.2", "192.0.2.1.1", "192.0.2.01", "192.0.2.256", "192..2.1", "1.2.3.", ".1.2.3",
                "a.b.c.d", "1.2.3.1000", "")) {
            assertThat(UriHost.parseIpv4(bad)).as(bad).isNull();
        }
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> UriHost.canonicalize("[::1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IP literal \"[::1\" lacks its closing ']'");
        assertThatThrownBy(() -> UriHost.canonicalize("exa mple"))
                .hasMessageStartingWith("host \"exa mple\" contains ' ', which RFC 3986 §3.2.2 does not allow");
        assertThatThrownBy(() -> UriHost.canonicalize("bücher"))
                .hasMessageContaining("contains 'ü' (U+00FC)");
        assertThatThrownBy(() -> UriHost.canonicalize("a\u200bb"))
                .hasMessageContaining("contains U+200B");
    }

    // Oracle: the JDK's own IPv6 literal parser (a literal never goes to DNS).
    @Test
    void canonicalIpv6IsTheSameAddressAndIsStable() throws UnknownHostException {
        Random random = new Random(5952L);
        for (int i = 0; i < 5000; i++) {
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                // Many zeros, so that runs of every length and position occur.
                int pick = random.nextInt(8);
                groups[g] = pick < 3 ? 0 : pick == 3 ? 0xffff : random.nextInt(0x10000);
            }
            checkCanonicalIpv6(groups);
        }
    }

    private static void checkCanonicalIpv6(int[] groups) throws UnknownHostException {
        StringBuilder full = new StringBuilder();
        byte[] expected = new byte[16];
        for (int i = 0; i < 8; i++) {
            full.append(i == 0 ? "" : ":").append(String.format("%04X", groups[i]));
            expected[2 * i] = (byte) (groups[i] >> 8);
            expected[2 * i + 1] = (byte) groups[i];
        }
        String canonical = UriHost.canonicalize(full.toString());

        assertThat(UriHost.canonicalize(canonical)).as(full.toString()).isEqualTo(canonical);
        assertThat(canonical).as(full.toString()).doesNotContain(":::").isEqualTo(canonical.toLowerCase(Locale.ROOT));
        assertThat(canonical.indexOf("::")).as(full.toString()).isEqualTo(canonical.lastIndexOf("::"));
        byte[] actual = InetAddress.getByName("[" + canonical + "]").getAddress();
        if (actual.length == 4) {
            // The JDK turns IPv4-mapped addresses into Inet4Address.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(actual, 0, mapped, 12, 4);
            actual = mapped;
        }
        assertThat(actual).as(full.toString()).containsExactly(expected);
    }
}
