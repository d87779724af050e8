package org.ortc4j.peerconnection.internal.jsep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;

/** Test helpers: the SDP corpus, one side of a peer connection's JSEP state, transports. */
final class JsepFixtures {

    /** The corpus as ortc-sdp's tests hold it (a copy of ../shared/sdp-corpus), from this module's directory. */
    static final Path CORPUS = Path.of("..", "ortc-sdp", "src", "test", "resources", "org", "ortc4j", "sdp", "corpus");

    private JsepFixtures() {
    }

    static List<Path> corpus(String kind) {
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            List<Path> files = walk.filter(p -> p.getFileName().toString().endsWith(".sdp"))
                    .filter(p -> p.getFileName().toString().contains("-" + kind + "-")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no " + kind + " in " + CORPUS.toAbsolutePath());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RTCDtlsFingerprint fingerprint(Random random) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            hex.append(i == 0 ? "" : ":").append(String.format("%02X", random.nextInt(256)));
        }
        return new RTCDtlsFingerprint("sha-256", hex.toString());
    }

    /** One endpoint's long-lived JSEP state, as a peer connection would hold it. */
    static final class Peer {
        final Random random;
        final PayloadTypeRegistry payloadTypes = new PayloadTypeRegistry();
        final ExtensionIdRegistry extensionIds = new ExtensionIdRegistry();
        final SessionOrigin origin;
        final RTCDtlsFingerprint fingerprint;
        final String cname;
        RTCIceParameters ice;
        final List<String> transportRequests = new ArrayList<>();

        Peer(long seed) {
            random = new Random(seed);
            origin = new SessionOrigin(random);
            fingerprint = fingerprint(random);
            ice = new RTCIceParameters("uf" + Long.toHexString(seed) + "xx", "pwd" + seed + "0123456789abcdefghijkl");
            cname = "cname-" + seed;
        }

        Function<String, LocalTransport> transports() {
            return mid -> {
                transportRequests.add(mid);
                return LocalTransport.of(ice, List.of(fingerprint));
            };
        }

        OfferBuilder offerBuilder() {
            return new OfferBuilder(LocalCapabilities.defaults(), payloadTypes, extensionIds, origin);
        }

        AnswerBuilder answerBuilder() {
            return new AnswerBuilder(LocalCapabilities.defaults(), payloadTypes, extensionIds, origin).cname(cname);
        }

        TransceiverState sender(int id, String kind, String track) {
            long ssrc = random.nextInt() & 0xffffffffL;
            Long rtx = kind.equals("video") ? (random.nextInt() & 0xffffffffL) : null;
            return new TransceiverState(id, null, kind, RTCRtpTransceiverDirection.SENDRECV, List.of(),
                    List.of("stream-" + cname), track, ssrc, rtx, cname);
        }
    }
}
