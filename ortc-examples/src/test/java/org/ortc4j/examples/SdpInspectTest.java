package org.ortc4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdpInspectTest {

    private static final String MALFORMED = "v=0\r\n"
            + "o=- 1 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "t=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
            + "a=rtpmap:111 opus\r\n";

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    private static Run run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SdpInspect.run(args, in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private static String file(String name) {
        return TestSdp.path(name).toString();
    }

    @Test
    void withoutArgumentsInspectsTheBundledPairAndSaysHowToPassFiles() {
        Run run = run();

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("=== offer: chromium-offer-media.sdp ===")
                .contains("=== answer: aiortc-answer-media-to-chromium.sdp ===")
                .contains("=== negotiated: what the answer settles for the offer ===")
                .contains("direction          offerer sendonly, answerer recvonly")
                .contains("usage: SdpInspect [offer.sdp [answer.sdp]]")
                .contains("-Dexec.args=");
    }

    @Test
    void oneFilePrintsItsSummaryOnly() {
        Run run = run(file(TestSdp.CHROMIUM_OFFER_DATACHANNEL));

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_OK);
        assertThat(run.out())
                .contains("=== " + file(TestSdp.CHROMIUM_OFFER_DATACHANNEL) + " ===")
                .contains("sctp-port 5000, max-message-size 262144 (256 KiB)")
                .doesNotContain("negotiated");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void offerAndAnswerPrintBothSummariesAndTheNegotiation() {
        Run run = run(file(TestSdp.CHROMIUM_OFFER_DATACHANNEL), file(TestSdp.AIORTC_ANSWER_DATACHANNEL));

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_OK);
        assertThat(run.out())
                .contains("=== offer: ")
                .contains("=== answer: ")
                .contains("-> at most 65536 (64 KiB) per message");
    }

    @Test
    void dashReadsStandardInput() {
        InputStream pasted = new ByteArrayInputStream(TestSdp.text(TestSdp.AIORTC_ANSWER_DATACHANNEL)
                .getBytes(StandardCharsets.UTF_8));

        Run run = run(pasted, file(TestSdp.CHROMIUM_OFFER_DATACHANNEL), "-");

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_OK);
        assertThat(run.out()).contains("=== answer: stdin ===").contains("ufrag jWXa");
    }

    @Test
    void malformedSdpPrintsLineAndReasonAndExits1() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.sdp"), MALFORMED);

        Run run = run(bad.toString());

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_BAD_SDP);
        assertThat(run.err()).isEqualTo(bad + ": line 6: bad a=rtpmap: rtpmap encoding must be "
                + "<name>/<clock rate>[/<channels>], not \"opus\"" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aProblemWithTheWholeTextHasNoLineNumber() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.sdp"), "");

        Run run = run(empty.toString());

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_BAD_SDP);
        assertThat(run.err()).startsWith(empty + ": SDP is empty");
    }

    @Test
    void malformedAnswerIsNamedAndNothingIsPrinted() throws IOException {
        Path bad = Files.writeString(dir.resolve("answer.sdp"), MALFORMED);

        Run run = run(file(TestSdp.CHROMIUM_OFFER_MEDIA), bad.toString());

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_BAD_SDP);
        assertThat(run.err()).startsWith(bad + ": line 6: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anAnswerToAnotherOfferExits1() {
        Run run = run(file(TestSdp.CHROMIUM_OFFER_MEDIA), file(TestSdp.AIORTC_ANSWER_DATACHANNEL));

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_BAD_SDP);
        assertThat(run.err()).contains("cannot answer").contains("the answer has 1 m-sections and the offer 2");
    }

    @Test
    void aMissingFileIsAUsageErrorAndExits2() {
        Path missing = dir.resolve("no-such.sdp");

        Run run = run(missing.toString());

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_USAGE);
        assertThat(run.err()).startsWith("SdpInspect: no such file: " + missing);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDirectoryCannotBeReadAndExits2() {
        Run run = run(dir.toString());

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_USAGE);
        assertThat(run.err()).startsWith("SdpInspect: cannot read " + dir);
    }

    @Test
    void moreThanTwoFilesExits2WithUsage() {
        String offer = file(TestSdp.CHROMIUM_OFFER_MEDIA);

        Run run = run(offer, offer, offer);

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_USAGE);
        assertThat(run.err()).contains("at most two files").contains("usage: SdpInspect");
    }

    @Test
    void anUnknownOptionExits2() {
        Run run = run("--verbose");

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_USAGE);
        assertThat(run.err()).contains("unknown option --verbose");
    }

    @Test
    void standardInputCanBeReadOnlyOnce() {
        Run run = run("-", "-");

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_USAGE);
        assertThat(run.err()).contains("only one of the two files can be -");
    }

    @Test
    void helpPrintsUsageAndExits0() {
        Run run = run("--help");

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_OK);
        assertThat(run.out()).startsWith("usage: SdpInspect");
    }

    @Test
    void anInputTooLargeForSdpIsRejectedWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };

        Run run = run(endless, "-");

        assertThat(run.status()).isEqualTo(SdpInspect.EXIT_BAD_SDP);
        assertThat(run.err()).startsWith("stdin: more than 4 MiB");
    }
}
