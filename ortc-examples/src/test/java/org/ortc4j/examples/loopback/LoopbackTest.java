package org.ortc4j.examples.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.PrintedLines;

/**
 * The loopback program as the README runs it: two peer connections over UDP on loopback, a data
 * channel round trip, Opus and VP8 decoded both ways, and a getStats summary whose counters show
 * the media went each way.
 */
class LoopbackTest {

    @Test
    void connectsExchangesAMessageAndMediaBothWaysAndPrintsTheStats() throws Exception {
        PrintedLines out = new PrintedLines();
        int status;
        try (Loopback loopback = new Loopback(out.stream(), false)) {
            status = loopback.run();
        }
        String text = out.text();
        assertThat(status).as(text).isEqualTo(ExampleProgram.EXIT_OK);
        List<String> lines = out.lines();
        assertThat(text).contains("offerer: connection state connected", "answerer: connection state connected",
                "offerer: data channel \"chat\" open", "answerer: data channel \"chat\" < ping",
                "offerer: data channel \"chat\" < pong",
                "answerer: first video frame, decoded " + Loopback.WIDTH + "x" + Loopback.HEIGHT,
                "offerer: first video frame, decoded " + Loopback.WIDTH + "x" + Loopback.HEIGHT,
                "answerer: first audio frame, decoded 960 samples at 48000 Hz",
                "Stats (getStats):");
        // Each way, each kind: packets and bytes sent, and frames decoded at the other end.
        for (String way : List.of("offerer -> answerer", "answerer -> offerer")) {
            assertThat(counter(lines, way + "  audio/opus", "packets")).isGreaterThan(10);
            assertThat(counter(lines, way + "  video/VP8", "bytes")).isGreaterThan(1000);
        }
        for (String way : List.of("offerer <- answerer", "answerer <- offerer")) {
            assertThat(counter(lines, way + "  audio/opus", "frames decoded")).isGreaterThanOrEqualTo(Loopback.AUDIO_FRAMES);
            assertThat(counter(lines, way + "  video/VP8", "frames decoded")).isGreaterThanOrEqualTo(Loopback.VIDEO_FRAMES);
        }
        // Host candidates on this machine (loopback ones among them); ICE picks the pair.
        assertThat(text).containsPattern("offerer  candidate pair \\S+:\\d+ \\(udp host\\) <-> \\S+:\\d+ \\(udp host\\)");
        assertThat(text).contains("offerer  data channels opened 1", "answerer  data channels opened 1");
        assertThat(lines.get(lines.size() - 1)).matches("OK in \\d+\\.\\d s");
    }

    /** The number after {@code name} on the line that starts with {@code prefix}. */
    private static long counter(List<String> lines, String prefix, String name) {
        String line = lines.stream().filter(l -> l.trim().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines));
        Matcher m = Pattern.compile(Pattern.quote(name) + " +(\\d+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Long.parseLong(m.group(1));
    }
}
