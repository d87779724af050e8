package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Real descriptions damaged at random (lines dropped, repeated, swapped, cut, characters
 * replaced or inserted) are either read, and then written back to the same model, or rejected
 * with {@link SdpParseException}; nothing else. The damage is drawn from a fixed seed, so a
 * failure names the case that reproduces it.
 */
class MutatedSdpPropertyTest {

    private static final List<String> REAL = SdpResources.files("corpus").stream()
            .map(SdpResources::read).toList();

    private static final long SEED = 0x5D9_2026L;
    private static final int CASES = 2_000;

    @Test
    void damagedRealSdpIsReadOrRejectedCleanly() {
        SplittableRandom random = new SplittableRandom(SEED);
        int rejected = 0;
        for (int n = 0; n < CASES; n++) {
            String text = damage(REAL.get(random.nextInt(REAL.size())), random);
            SessionDescription parsed;
            try {
                parsed = SessionDescription.parse(text);
            } catch (SdpParseException expected) {
                assertThat(expected.reason()).as("case %d", n).isNotBlank();
                rejected++;
                continue;
            } catch (RuntimeException unexpected) {
                throw new AssertionError("case " + n + " threw " + unexpected + " for:\n" + text, unexpected);
            }
            assertThat(SessionDescription.parse(parsed.toSdp())).as("case %d round trip", n).isEqualTo(parsed);
        }
        // Both outcomes must be exercised, or the damage is too mild or too harsh to test anything.
        assertThat(rejected).isBetween(CASES / 10, CASES - CASES / 10);
    }

    private static String damage(String sdp, SplittableRandom random) {
        List<String> lines = new ArrayList<>(Arrays.asList(sdp.split("\r\n", -1)));
        int i = random.nextInt(lines.size());
        int j = random.nextInt(lines.size());
        char junk = (char) random.nextInt(Character.MAX_VALUE + 1);
        switch (random.nextInt(6)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(j, lines.get(i));
            case 2 -> {
                String line = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 3 -> {
                return sdp.substring(0, random.nextInt(sdp.length()));
            }
            case 4 -> {
                char[] chars = sdp.toCharArray();
                chars[random.nextInt(chars.length)] = junk;
                return new String(chars);
            }
            default -> {
                String line = lines.get(i);
                int cut = line.isEmpty() ? 0 : random.nextInt(line.length());
                lines.set(i, line.substring(0, cut) + junk + line.substring(cut));
            }
        }
        return String.join("\r\n", lines);
    }
}
