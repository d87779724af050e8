package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Real descriptions damaged at random (lines dropped, repeated, swapped, cut, characters
 * replaced) are either read, and then written back to the same model, or rejected with
 * {@link SdpParseException}; nothing else.
 */
class MutatedSdpPropertyTest {

    private static final List<String> REAL = SdpResources.files("corpus").stream()
            .map(SdpResources::read).toList();

    @Property(tries = 500)
    void damagedRealSdpIsReadOrRejectedCleanly(@ForAll("damagedSdp") String text) {
        SessionDescription parsed;
        try {
            parsed = SessionDescription.parse(text);
        } catch (SdpParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(SessionDescription.parse(parsed.toSdp())).isEqualTo(parsed);
    }

    @Provide
    Arbitrary<String> damagedSdp() {
        Arbitrary<String> original = Arbitraries.of(REAL);
        Arbitrary<Integer> operation = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Character> junk = Arbitraries.chars().all();
        return Combinators.combine(original, operation, where, where, junk).as(MutatedSdpPropertyTest::damage);
    }

    private static String damage(String sdp, int operation, int a, int b, char junk) {
        List<String> lines = new ArrayList<>(Arrays.asList(sdp.split("\r\n", -1)));
        int i = a % lines.size();
        int j = b % lines.size();
        switch (operation) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(j, lines.get(i));
            case 2 -> {
                String line = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 3 -> {
                return sdp.substring(0, a % sdp.length());
            }
            case 4 -> {
                char[] chars = sdp.toCharArray();
                chars[a % chars.length] = junk;
                return new String(chars);
            }
            default -> {
                String line = lines.get(i);
                int cut = line.isEmpty() ? 0 : b % line.length();
                lines.set(i, line.substring(0, cut) + junk + line.substring(cut));
            }
        }
        return String.join("\r\n", lines);
    }

}
