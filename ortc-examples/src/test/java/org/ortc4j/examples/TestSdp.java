package org.ortc4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ortc4j.sdp.SessionDescription;

/** The real SDPs in {@code src/test/resources/org/ortc4j/examples/corpus} (see its README). */
final class TestSdp {

    static final String CHROMIUM_OFFER_MEDIA = "chromium-offer-media.sdp";
    static final String AIORTC_ANSWER_MEDIA = "aiortc-answer-media-to-chromium.sdp";
    static final String CHROMIUM_OFFER_DATACHANNEL = "chromium-offer-datachannel.sdp";
    static final String AIORTC_ANSWER_DATACHANNEL = "aiortc-answer-datachannel-to-chromium.sdp";
    static final String CHROMIUM_OFFER_SIMULCAST = "chromium-offer-simulcast.sdp";

    private TestSdp() {
    }

    static Path path(String name) {
        URL url = TestSdp.class.getResource("corpus/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test SDP " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        return SessionDescription.parse(text(name));
    }
}
