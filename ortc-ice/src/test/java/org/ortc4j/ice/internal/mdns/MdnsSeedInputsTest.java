package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzz target's seed files are the packets {@link MdnsSeedMessages} describes, and they decode. */
class MdnsSeedInputsTest {

    private static final String FOLDER = "MdnsMessageFuzzTestInputs/decodesOrRejectsAndRoundTrips/";

    @Test
    void seedFilesAreTheDocumentedPackets() throws IOException {
        List<String> files = List.of("query-a-aaaa.bin", "query-qu.bin", "response-a.bin",
                "response-aaaa-with-additional.bin", "goodbye.bin");
        List<byte[]> expected = MdnsSeedMessages.all();
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in = MdnsSeedInputsTest.class.getResourceAsStream(FOLDER + files.get(i))) {
                assertThat(in).as(files.get(i)).isNotNull();
                byte[] bytes = in.readAllBytes();
                assertThat(bytes).as(files.get(i)).isEqualTo(expected.get(i));
                assertThat(DnsMessage.decode(bytes).encode()).as("%s re-encodes identically", files.get(i)).isEqualTo(bytes);
            }
        }
    }
}
