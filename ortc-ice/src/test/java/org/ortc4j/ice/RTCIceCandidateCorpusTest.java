package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code a=candidate:} line of the SDP corpus that ortc-sdp's tests use (offers and answers
 * captured from Chromium, aiortc, GStreamer, libdatachannel, Pion, Janus, Safari, werift, wrtc,
 * node-datachannel). The files are read from the sibling module's test resources as plain text;
 * ortc-ice does not depend on ortc-sdp.
 */
class RTCIceCandidateCorpusTest {

    private static final Path SDP_RESOURCES = Path.of("..", "ortc-sdp", "src", "test", "resources", "org", "ortc4j", "sdp");

    @Test
    void everyCorpusCandidateParsesAndFormatsBack() throws IOException {
        assertThat(SDP_RESOURCES).as("the ortc-sdp corpus, read relative to the ortc-ice module").isDirectory();
        Set<String> lines = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(SDP_RESOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".sdp")).sorted()::iterator) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("a=candidate:")) {
                        lines.add(line.strip());
                    }
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(100);
        for (String line : lines) {
            RTCIceCandidate candidate = RTCIceCandidate.parse(line);
            // Formatting writes the transport in lower case (Firefox and libnice write "UDP");
            // everything else comes back as it was.
            String expected = lowerCaseTransport(line.substring("a=".length()));
            assertThat(candidate.toCandidateString()).as(line).isEqualTo(expected);
        }
    }

    private static String lowerCaseTransport(String candidate) {
        String[] fields = candidate.split(" ", 4);
        fields[2] = fields[2].toLowerCase(Locale.ROOT);
        return String.join(" ", fields);
    }
}
