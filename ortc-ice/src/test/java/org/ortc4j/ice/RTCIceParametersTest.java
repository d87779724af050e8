package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RTCIceParametersTest {

    private static final String PWD22 = "asd88fgpdd777uzjYhagZg";

    // RFC 8839 §5.4: ufrag = 4*256ice-char; password = 22*256ice-char
    @Test
    void acceptsTheRfc8839LengthBoundaries() {
        assertThat(new RTCIceParameters("abcd", PWD22).iceLite()).isFalse();
        RTCIceParameters longest = new RTCIceParameters("u".repeat(256), "p".repeat(256), true);
        assertThat(longest.usernameFragment()).hasSize(256);
        assertThat(longest.iceLite()).isTrue();
        assertThat(new RTCIceParameters("+/Az", "+/".repeat(11)).password()).isEqualTo("+/".repeat(11));
    }

    @Test
    void rejectsUfragsOutsideTheGrammar() {
        assertThatThrownBy(() -> new RTCIceParameters("abc", PWD22))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usernameFragment must be 4 to 256 ice-chars (RFC 8839 §5.4); it has 3");
        assertThatThrownBy(() -> new RTCIceParameters("u".repeat(257), PWD22))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("it has 257");
        assertThatThrownBy(() -> new RTCIceParameters("ab:cd", PWD22))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usernameFragment has a character that is not an ice-char at index 2");
        assertThatThrownBy(() -> new RTCIceParameters(null, PWD22)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsPasswordsOutsideTheGrammarWithoutQuotingThem() {
        assertThatThrownBy(() -> new RTCIceParameters("abcd", "p".repeat(21)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be 22 to 256 ice-chars (RFC 8839 §5.4); it has 21");
        assertThatThrownBy(() -> new RTCIceParameters("abcd", "p".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RTCIceParameters("abcd", "secret-secret-secret-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 6")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new RTCIceParameters("abcd", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringMasksThePassword() {
        RTCIceParameters parameters = new RTCIceParameters("abcd", PWD22, true);
        assertThat(parameters.toString())
                .isEqualTo("RTCIceParameters[usernameFragment=abcd, password=***, iceLite=true]")
                .doesNotContain(PWD22);
    }

    @Test
    void withIceLiteCopies() {
        RTCIceParameters full = new RTCIceParameters("abcd", PWD22);
        assertThat(full.withIceLite(true)).isEqualTo(new RTCIceParameters("abcd", PWD22, true));
    }

    // RFC 8445 §5.3: "The username fragment MUST contain at least 24 bits of randomness, and the
    // password MUST contain at least 128 bits of randomness."
    @Test
    void generatedCredentialsAreValidRandomAndLongEnough() {
        SecureRandom random = new SecureRandom();
        Set<String> ufrags = new HashSet<>();
        Set<String> passwords = new HashSet<>();
        int[] seen = new int[128];
        for (int i = 0; i < 1000; i++) {
            RTCIceParameters generated = RTCIceParameters.generate(random);
            assertThat(generated.usernameFragment()).hasSize(8);
            assertThat(generated.password()).hasSize(24);
            assertThat(generated.iceLite()).isFalse();
            // 6 bits per ice-char
            assertThat(generated.usernameFragment().length() * 6).isGreaterThanOrEqualTo(24);
            assertThat(generated.password().length() * 6).isGreaterThanOrEqualTo(128);
            ufrags.add(generated.usernameFragment());
            passwords.add(generated.password());
            for (char c : generated.password().toCharArray()) {
                seen[c]++;
            }
        }
        assertThat(ufrags).hasSize(1000);
        assertThat(passwords).hasSize(1000);
        // every one of the 64 ice-chars turns up in 24000 draws
        int used = 0;
        for (int c = 0; c < seen.length; c++) {
            if (seen[c] > 0) {
                assertThat(RTCIceParameters.isIceChar((char) c)).isTrue();
                used++;
            }
        }
        assertThat(used).isEqualTo(64);
        assertThat(RTCIceParameters.generate()).isNotEqualTo(RTCIceParameters.generate());
    }

    @Test
    void generationFollowsItsRandomSource() {
        assertThat(RTCIceParameters.generate(seeded())).isEqualTo(RTCIceParameters.generate(seeded()));
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(7);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
