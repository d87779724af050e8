package org.ortc4j.examples.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/** aiortc's CopyAndPasteSignaling: prints the JSON for the user to copy, reads one pasted line. */
class CopyAndPasteSignalingTest {

    private static final RTCSessionDescription OFFER = new RTCSessionDescription(RTCSdpType.OFFER,
            "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
    private static final RTCSessionDescription ANSWER = new RTCSessionDescription(RTCSdpType.ANSWER,
            "v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
    private static final String OFFER_JSON =
            "{\"sdp\": \"v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\n\", \"type\": \"offer\"}";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void sendPrintsWhatAiortcPrints() throws IOException {
        CopyAndPasteSignaling signaling = new CopyAndPasteSignaling(new StringReader(""), out);

        signaling.send(OFFER);

        assertThat(printed()).isEqualTo("-- Please send this message to the remote party --\n" + OFFER_JSON + "\n\n");
    }

    @Test
    void receivePromptsAndReadsOnePastedLine() throws IOException {
        CopyAndPasteSignaling signaling = new CopyAndPasteSignaling(
                new StringReader(OFFER_JSON + "\n{\"type\": \"bye\"}\n"), out);

        Object first = signaling.receive();
        Object second = signaling.receive();

        assertThat(first).isEqualTo(OFFER);
        assertThat(second).isSameAs(Bye.BYE);
        assertThat(printed()).isEqualTo("-- Please enter a message from remote party --\n\n".repeat(2));
    }

    @Test
    void windowsLineEndingAndMissingFinalLineEndAreAccepted() throws IOException {
        CopyAndPasteSignaling signaling = new CopyAndPasteSignaling(
                new StringReader(OFFER_JSON + "\r\n{\"type\": \"bye\"}"), out);

        assertThat(signaling.receive()).isEqualTo(OFFER);
        assertThat(signaling.receive()).isSameAs(Bye.BYE);
        assertThat(signaling.receive()).as("end of input").isNull();
    }

    @Test
    void aMistypedPasteIsReportedAndTheNextOneIsRead() throws IOException {
        CopyAndPasteSignaling signaling = new CopyAndPasteSignaling(
                new StringReader("{\"sdp\": \"v=0\", \"type\": \"ofer\"}\n" + OFFER_JSON + "\n"), out);

        assertThatThrownBy(signaling::receive).isInstanceOf(InvalidSignalingMessageException.class)
                .hasMessageContaining("unknown type \"ofer\"");
        assertThat(signaling.receive()).isEqualTo(OFFER);
    }

    @Test
    void closeSaysByeOnceAndOnlyWhenConnected() throws IOException {
        CopyAndPasteSignaling neverConnected = new CopyAndPasteSignaling(new StringReader(""), out);
        neverConnected.close();
        assertThat(printed()).isEmpty();

        CopyAndPasteSignaling connected = new CopyAndPasteSignaling(new StringReader(""), out);
        connected.connect();
        connected.close();
        connected.close();

        assertThat(printed()).isEqualTo("-- Please send this message to the remote party --\n{\"type\": \"bye\"}\n\n");
    }

    @Test
    void twoPartiesSignalWhenAUserCopiesTheMessagesAcross() throws IOException {
        PipedWriter typedIntoOfferer = new PipedWriter();
        PipedWriter typedIntoAnswerer = new PipedWriter();
        ByteArrayOutputStream offererScreen = new ByteArrayOutputStream();
        ByteArrayOutputStream answererScreen = new ByteArrayOutputStream();
        CopyAndPasteSignaling offerer = new CopyAndPasteSignaling(new PipedReader(typedIntoOfferer, 1 << 16),
                new PrintStream(offererScreen, true, StandardCharsets.UTF_8));
        CopyAndPasteSignaling answerer = new CopyAndPasteSignaling(new PipedReader(typedIntoAnswerer, 1 << 16),
                new PrintStream(answererScreen, true, StandardCharsets.UTF_8));
        SignaledCandidate candidate = new SignaledCandidate(
                RTCIceCandidate.parse("candidate:1 1 udp 2130706431 192.168.1.2 54321 typ host"), "0", 0);
        offerer.connect();
        answerer.connect();

        offerer.send(OFFER);
        offerer.send(candidate);
        copyMessages(offererScreen, typedIntoAnswerer);
        Object offer = answerer.receive();
        Object trickled = answerer.receive();
        answerer.send(ANSWER);
        copyMessages(answererScreen, typedIntoOfferer);
        Object answer = offerer.receive();
        offerer.close();
        copyMessages(offererScreen, typedIntoAnswerer);
        Object bye = answerer.receive();

        assertThat(offer).isEqualTo(OFFER);
        assertThat(trickled).isEqualTo(candidate);
        assertThat(answer).isEqualTo(ANSWER);
        assertThat(bye).isSameAs(Bye.BYE);
    }

    /** What the user does: copies each JSON line the screen shows, and presses Enter after it. */
    private static void copyMessages(ByteArrayOutputStream screen, PipedWriter keyboard) throws IOException {
        for (String line : screen.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                keyboard.write(line + "\n");
            }
        }
        keyboard.flush();
        screen.reset();
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
