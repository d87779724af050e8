package org.ortc4j.sctp.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCDataChannelMessage;
import org.ortc4j.sctp.RTCSctpTransport;
import org.ortc4j.sctp.RTCSctpTransportState;
import org.ortc4j.sdp.SetupRole;

/**
 * Our SCTP data channels (RFC 8831, DCEP RFC 8832, SCTP RFC 9260 over DTLS RFC 8261) against a
 * real browser's: headless Chromium (whose SCTP is dcsctp) on loopback, bridged to our ORTC
 * objects with hand-written SDP ({@link DataChannelSdp}). One Chromium serves the class (the page
 * reloads for each test; the mDNS test starts a second one) and is killed after it; when a test
 * fails, Chromium's {@code getStats()}, its log tail and our association's counters go to the log.
 *
 * <p>Host candidates are IP addresses (Chromium's mDNS obfuscation off, loopback allowed), except
 * in {@link #chromiumsMdnsHostCandidatesResolveAndConnect()}, where our ICE resolves Chromium's
 * {@code .local} names.
 */
class ChromiumDataChannelTest {

    private static final Duration T = Duration.ofSeconds(10);
    /** A stream reset takes a round trip or two on loopback; closing waits less than other steps. */
    private static final Duration CLOSE_T = Duration.ofSeconds(5);
    private static final String MID = "0";

    /** One browser for the class (starting one takes seconds); the page reloads for each test. */
    private static ChromiumPeer browser;
    private ChromiumPeer chromium;
    private OrtcDataChannelPeer ours;
    private final Map<String, CompletableFuture<ChannelProbe>> incoming = new ConcurrentHashMap<>();

    @RegisterExtension
    final AfterTestExecutionCallback statsOnFailure = this::logStatsOnFailure;

    private void logStatsOnFailure(ExtensionContext context) {
        if (context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent()
                && chromium != null) {
            System.err.println("[" + context.getDisplayName() + "] Chromium getStats(): " + chromium.stats());
            System.err.println("[" + context.getDisplayName() + "] Chromium errors: " + chromium.errors());
            System.err.println("[" + context.getDisplayName() + "] Chromium log tail:\n" + chromium.logTail(15));
            if (ours != null) {
                System.err.println("[" + context.getDisplayName() + "] ours: ICE " + ours.ice.state() + " pair "
                        + ours.ice.getSelectedCandidatePair().orElse(null) + ", DTLS " + ours.dtls.state()
                        + " role " + ours.dtls.role().orElse(null) + ", SCTP " + ours.sctp.state()
                        + ", dropped messages " + ours.sctp.droppedMessages() + ", association "
                        + AssociationCounters.of(ours.sctp));
            }
        }
    }

    @BeforeEach
    void launch() throws Exception {
        ChromiumPeer.requireInstalled();
        if (browser != null && !browser.alive()) {
            killChromium();
        }
        if (browser == null) {
            browser = ChromiumPeer.launch();
        } else {
            browser.reload();
        }
        chromium = browser;
        chromium.command("create");
    }

    @AfterEach
    void closeOurs() {
        if (ours != null) {
            ours.close();
        }
    }

    @AfterAll
    static void killChromium() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    // ---------------------------------------------------------------- sessions

    /**
     * Chromium offers (actpass) with the channels it already made, we answer a=setup:active: ICE
     * controlled, DTLS client (RFC 8842 §5.3), SCTP with Chromium's max-message-size.
     */
    private DataChannelSdp chromiumOffers() throws Exception {
        chromium.command("offer");
        DataChannelSdp offer = DataChannelSdp.read((String) chromium.await("offer", e -> true, T).get("sdp"));
        assertThat(offer.setup()).as("Chromium's offer a=setup").isEqualTo(SetupRole.ACTPASS);
        assertThat(offer.candidates()).as("Chromium's offer candidates (gathering complete)").isNotEmpty();
        ours = new OrtcDataChannelPeer(T);
        ours.sctp.onDataChannel(channel -> probeFor(channel.label()).complete(new ChannelProbe(channel)));
        ours.start(offer, SetupRole.ACTIVE, RTCIceRole.CONTROLLED);
        String answer = ours.describe(offer.mid(), SetupRole.ACTIVE).write(4242, 1);
        chromium.command("remote", "type", "answer", "sdp", answer);
        chromium.await("done", e -> "remote".equals(e.get("cmd")), T);
        ours.awaitConnected(T);
        assertThat(ours.dtls.role()).contains(RTCDtlsRole.CLIENT);
        return offer;
    }

    /** We offer (actpass, ICE controlling); Chromium answers, normally a=setup:active. */
    private DataChannelSdp weOffer() throws Exception {
        ours = new OrtcDataChannelPeer(T);
        ours.sctp.onDataChannel(channel -> probeFor(channel.label()).complete(new ChannelProbe(channel)));
        String offer = ours.describe(MID, SetupRole.ACTPASS).write(4343, 1);
        chromium.command("remote", "type", "offer", "sdp", offer);
        DataChannelSdp answer = DataChannelSdp.read((String) chromium.await("answer", e -> true, T).get("sdp"));
        assertThat(answer.mid()).isEqualTo(MID);
        ours.start(answer, SetupRole.ACTPASS, RTCIceRole.CONTROLLING);
        ours.awaitConnected(T);
        return answer;
    }

    /** What a missing close event on Chromium's side means. */
    private static final String OUR_CLOSE = "RFC 8831 §6.7: closing our channel resets its outgoing stream (RFC 6525"
            + " §5.1.2 Outgoing SSN Reset Request in RE-CONFIG); Chromium resets its own in turn and its channel"
            + " fires close. It did not.";

    /**
     * Waits for our channel {@code label} to close after Chromium closed its side: RFC 8831 §6.7,
     * Chromium resets its outgoing stream and we must reset ours in turn and fire close.
     */
    private void awaitClose(ChannelProbe probe, String label) throws Exception {
        try {
            probe.awaitClose(CLOSE_T);
        } catch (AssertionError e) {
            throw new AssertionError("RFC 8831 §6.7: Chromium closed '" + label + "', which resets its outgoing"
                    + " stream (RFC 6525 RE-CONFIG); our channel must then reset ours and fire close. It did not."
                    + " Chromium's side: closing " + chromium.seen("closing", label) + ", close "
                    + chromium.seen("close", label) + "\n" + e.getMessage(), e);
        }
    }

    private CompletableFuture<ChannelProbe> probeFor(String label) {
        return incoming.computeIfAbsent(label, l -> new CompletableFuture<>());
    }

    /** The channel Chromium opened with {@code label}, as our onDataChannel gave it. */
    private ChannelProbe theirs(String label) throws Exception {
        try {
            return probeFor(label).get(T.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our RTCSctpTransport.onDataChannel never gave Chromium's channel '" + label
                    + "' (SCTP " + ours.sctp.state() + ")");
        }
    }

    /** Opens a channel from our side (DCEP unless negotiated) and waits until it is open on our side. */
    private ChannelProbe open(String label, RTCDataChannelInit init) throws Exception {
        ChannelProbe probe = new ChannelProbe(new RTCDataChannel(ours.sctp, label, init));
        probe.awaitOpen(T);
        return probe;
    }

    // ---------------------------------------------------------------- 1. Chromium offers

    @Test
    void chromiumsChannelArrivesWithItsLabelProtocolAndOrdering() throws Exception {
        chromium.command("channel", "label", "chat", "init", Json.object("protocol", "chat-v1"));
        chromium.command("channel", "label", "timed", "init",
                Json.object("ordered", false, "maxPacketLifeTime", 500, "priority", "high"));
        chromiumOffers();

        ChannelProbe chat = theirs("chat");
        Map<String, Object> open = chromium.await("open", "chat", T);
        chat.awaitOpen(T);
        assertThat(chat.channel.label()).isEqualTo("chat");
        assertThat(chat.channel.protocol()).isEqualTo("chat-v1");
        assertThat(chat.channel.ordered()).isTrue();
        assertThat(chat.channel.negotiated()).isFalse();
        assertThat(chat.channel.maxRetransmits()).isNull();
        assertThat(chat.channel.maxPacketLifeTime()).isNull();
        // RFC 8832 §6: "the DTLS server MUST use streams with odd stream identifiers"; Chromium is
        // the DTLS server here.
        assertThat(chat.channel.id()).isEqualTo(((Double) open.get("id")).intValue());
        assertThat(chat.channel.id() % 2).isEqualTo(1);

        // RFC 8832 §5.1: DATA_CHANNEL_PARTIAL_RELIABLE_TIMED_UNORDERED with the lifetime in ms,
        // and the priority (RFC 8831 §6.4: 1024 is "high").
        ChannelProbe timed = theirs("timed");
        Map<String, Object> timedOpen = chromium.await("open", "timed", T);
        assertThat(timed.channel.ordered()).isFalse();
        assertThat(timed.channel.maxPacketLifeTime()).isEqualTo(500);
        assertThat(timed.channel.maxRetransmits()).isNull();
        if (timedOpen.get("priority") != null) { // Chromium exposes RTCDataChannel.priority
            assertThat(timed.channel.priority().value()).isEqualTo(timedOpen.get("priority"));
        }
        // W3C §6.1.1: the smaller of the remote max-message-size (Chromium: 262144) and what we can send.
        assertThat(ours.sctp.maxMessageSize()).isEqualTo(RTCSctpTransport.MAX_MESSAGE_SIZE);
        // Chromium read our answer's a=max-message-size, and both sides agree on the stream count
        // (W3C §6.1.1 maxChannels: the smaller of the INIT's inbound and outbound streams).
        chromium.command("sctp");
        Map<String, Object> sctp = chromium.await("sctp", e -> true, T);
        assertThat(sctp.get("state")).isEqualTo("connected");
        assertThat(((Double) sctp.get("maxMessageSize")).longValue()).isEqualTo(RTCSctpTransport.MAX_MESSAGE_SIZE);
        assertThat(ours.sctp.maxChannels()).hasValue(((Double) sctp.get("maxChannels")).intValue());
    }

    @Test
    void textAndBinaryEchoBothWaysIncludingEmptyMessages() throws Exception {
        chromium.command("channel", "label", "echo");
        chromiumOffers();
        ChannelProbe echo = theirs("echo");
        chromium.await("open", "echo", T);
        chromium.command("echo", "label", "echo", "on", true);
        chromium.await("done", e -> "echo".equals(e.get("cmd")), T);

        // Ours -> Chromium -> ours. RFC 8831 §6.6: an empty message is sent as one byte with PPID
        // 56 (string) or 57 (binary), and must arrive empty.
        byte[] binary = {0, 1, 2, (byte) 0x80, (byte) 0xff};
        echo.channel.send("hello, Chromium");
        echo.channel.send(binary);
        echo.channel.send("");
        echo.channel.send(new byte[0]);
        echo.channel.send("ünïcødé ✓");
        assertText(echo.next(T), "hello, Chromium");
        assertBinary(echo.next(T), binary);
        assertText(echo.next(T), "");
        assertBinary(echo.next(T), new byte[0]);
        assertText(echo.next(T), "ünïcødé ✓");

        // Chromium -> ours -> Chromium.
        chromium.command("echo", "label", "echo", "on", false);
        echo.echo(true);
        chromium.command("sendText", "label", "echo", "text", "hello, ortc4j");
        chromium.command("sendBinary", "label", "echo", "base64", Base64.getEncoder().encodeToString(binary));
        chromium.command("sendText", "label", "echo", "text", "");
        chromium.command("sendBinary", "label", "echo", "base64", "");
        assertText(echo.next(T), "hello, ortc4j");
        assertBinary(echo.next(T), binary);
        assertText(echo.next(T), "");
        assertBinary(echo.next(T), new byte[0]);
        // Echoes of those four, as Chromium received them (after the five echoed above).
        assertChromiumGot(chromium.await("message", e -> "echo".equals(e.get("label")) && seq(e) == 5, T),
                false, "hello, ortc4j".getBytes(StandardCharsets.UTF_8));
        assertChromiumGot(chromium.await("message", e -> "echo".equals(e.get("label")) && seq(e) == 6, T), true, binary);
        assertChromiumGot(chromium.await("message", e -> "echo".equals(e.get("label")) && seq(e) == 7, T),
                false, new byte[0]);
        assertChromiumGot(chromium.await("message", e -> "echo".equals(e.get("label")) && seq(e) == 8, T),
                true, new byte[0]);
    }

    @Test
    void messagesOfExactlyTheNegotiatedMaximumSizeCrossBothWays() throws Exception {
        chromium.command("channel", "label", "big");
        DataChannelSdp offer = chromiumOffers();
        assertThat(offer.maxMessageSize()).as("Chromium's a=max-message-size").isEqualTo(262_144);
        int max = (int) ours.sctp.maxMessageSize();
        assertThat(max).isEqualTo(262_144);
        ChannelProbe big = theirs("big");
        chromium.await("open", "big", T);

        // Chromium -> us: binary then text, each exactly max bytes.
        chromium.command("sendPattern", "label", "big", "binary", true, "length", max, "seed", 3);
        chromium.command("sendPattern", "label", "big", "binary", false, "length", max, "seed", 4);
        RTCDataChannelMessage binary = big.next(T);
        assertThat(binary.isBinary()).isTrue();
        assertThat(binary.bytes()).as("Chromium's %d-byte binary message", max).isEqualTo(pattern(max, 3));
        RTCDataChannelMessage text = big.next(T);
        assertThat(text.isBinary()).isFalse();
        assertThat(text.text()).as("Chromium's %d-byte text message", max).isEqualTo(textPattern(max, 4));

        // Us -> Chromium.
        big.channel.send(pattern(max, 5));
        big.channel.send(textPattern(max, 6));
        Map<String, Object> got = chromium.await("message", e -> "big".equals(e.get("label")) && seq(e) == 0, T);
        assertThat(got.get("binary")).isEqualTo(true);
        assertThat(((Double) got.get("length")).intValue()).isEqualTo(max);
        assertThat(chromium.await("digest", e -> "big".equals(e.get("label")) && seq(e) == 0, T).get("sha256"))
                .isEqualTo(sha256(pattern(max, 5)));
        got = chromium.await("message", e -> "big".equals(e.get("label")) && seq(e) == 1, T);
        assertThat(got.get("binary")).isEqualTo(false);
        assertThat(((Double) got.get("length")).intValue()).isEqualTo(max);
        assertThat(chromium.await("digest", e -> "big".equals(e.get("label")) && seq(e) == 1, T).get("sha256"))
                .isEqualTo(sha256(textPattern(max, 6).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void thousandSmallMessagesArriveInOrderBothWays() throws Exception {
        chromium.command("channel", "label", "many");
        chromiumOffers();
        ChannelProbe many = theirs("many");
        chromium.await("open", "many", T);
        int n = 1000;

        chromium.command("sendMany", "label", "many", "count", n, "prefix", "c-");
        for (int i = 0; i < n; i++) {
            assertText(many.next(T), "c-" + i);
        }

        for (int i = 0; i < n; i++) {
            many.channel.send("o-" + i);
        }
        for (int i = 0; i < n; i++) {
            final int seq = i;
            Map<String, Object> got = chromium.await("message", e -> "many".equals(e.get("label")) && seq(e) == seq, T);
            assertThat(got.get("text")).as("Chromium's message #%d", i).isEqualTo("o-" + i);
        }
    }

    @Test
    void aChannelWeOpenArrivesInChromiumsOnDataChannel() throws Exception {
        chromium.command("channel", "label", "first");
        chromiumOffers();
        chromium.await("open", "first", T);

        ChannelProbe mine = open("mine", RTCDataChannelInit.builder().protocol("proto-x").build());
        Map<String, Object> announced = chromium.await("datachannel", "mine", T);
        assertThat(announced.get("protocol")).isEqualTo("proto-x");
        assertThat(announced.get("ordered")).isEqualTo(true);
        // RFC 8832 §6: we are the DTLS client, so our stream ids are even.
        assertThat(((Double) announced.get("id")).intValue()).isEqualTo(mine.channel.id());
        assertThat(mine.channel.id() % 2).isZero();

        mine.channel.send("from ortc4j");
        assertThat(chromium.await("message", "mine", T).get("text")).isEqualTo("from ortc4j");
        chromium.command("sendText", "label", "mine", "text", "from Chromium");
        assertText(mine.next(T), "from Chromium");
    }

    @Test
    void anUnorderedChannelWithoutRetransmissionsDeliversMessages() throws Exception {
        chromium.command("channel", "label", "first");
        chromiumOffers();
        chromium.await("open", "first", T);

        ChannelProbe lossy = open("lossy", RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build());
        Map<String, Object> announced = chromium.await("datachannel", "lossy", T);
        assertThat(announced.get("ordered")).isEqualTo(false);
        assertThat(((Double) announced.get("maxRetransmits")).intValue()).isZero();
        assertThat(announced.get("maxPacketLifeTime")).isNull();

        int n = 200;
        for (int i = 0; i < n; i++) {
            lossy.channel.send("u-" + i);
        }
        chromium.command("sendMany", "label", "lossy", "count", n, "prefix", "v-");
        // Partial reliability (RFC 3758) may drop some; each that arrives is one we sent, once.
        // The first is awaited with the usual step timeout (on a loaded machine the page may take
        // over a second to run the command), the rest until none has come for a second.
        List<RTCDataChannelMessage> received = new ArrayList<>();
        received.add(lossy.next(T));
        received.addAll(lossy.drain(Duration.ofSeconds(1)));
        Set<String> ours = new HashSet<>();
        for (RTCDataChannelMessage m : received) {
            assertThat(m.text()).startsWith("v-");
            assertThat(ours.add(m.text())).as("duplicate %s", m.text()).isTrue();
        }
        // At least one of ours arrived at Chromium (the page reports its messages asynchronously,
        // so one is awaited before the rest are read).
        chromium.await("message", "lossy", T, "Chromium received none of our messages on the unreliable channel");
        List<Map<String, Object>> theirs = chromium.seen("message", "lossy");
        Set<Object> texts = new HashSet<>();
        for (Map<String, Object> m : theirs) {
            assertThat((String) m.get("text")).startsWith("u-");
            assertThat(texts.add(m.get("text"))).as("duplicate %s", m.get("text")).isTrue();
        }
        assertThat(texts).as("our messages Chromium received on the unordered, unreliable channel").isNotEmpty();
    }

    @Test
    void closingOurChannelClosesChromiumsAndLeavesTheOthersOpen() throws Exception {
        chromium.command("channel", "label", "stay");
        chromiumOffers();
        ChannelProbe stay = theirs("stay");
        chromium.await("open", "stay", T);
        ChannelProbe doomed = open("doomed", RTCDataChannelInit.defaults());
        chromium.await("datachannel", "doomed", T);

        // RFC 8831 §6.7: closing resets the outgoing stream; the peer resets its own in turn.
        doomed.channel.close();
        chromium.await("close", "doomed", CLOSE_T, OUR_CLOSE);
        doomed.awaitClose(CLOSE_T);

        assertThat(ours.dtlsConnected()).isTrue();
        stay.channel.send("still here");
        assertThat(chromium.await("message", "stay", T).get("text")).isEqualTo("still here");
    }

    @Test
    void closingChromiumsChannelClosesOursAndLeavesTheOthersOpen() throws Exception {
        chromium.command("channel", "label", "stay");
        chromium.command("channel", "label", "doomed");
        chromiumOffers();
        ChannelProbe stay = theirs("stay");
        ChannelProbe doomed = theirs("doomed");
        chromium.await("open", "stay", T);
        chromium.await("open", "doomed", T);
        doomed.awaitOpen(T);

        chromium.command("close", "label", "doomed");
        awaitClose(doomed, "doomed");
        chromium.await("close", "doomed", CLOSE_T);

        assertThat(ours.dtlsConnected()).isTrue();
        chromium.command("sendText", "label", "stay", "text", "still here");
        assertText(stay.next(T), "still here");
    }

    @Test
    void sixteenChannelsOpenedAtOnceFromEachSideGetDistinctIdsAndCarryTheirOwnMessages() throws Exception {
        chromium.command("channel", "label", "first");
        chromiumOffers();
        chromium.await("open", "first", T);
        int n = 16;

        List<ChannelProbe> mine = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mine.add(new ChannelProbe(new RTCDataChannel(ours.sctp, "ours-" + i, RTCDataChannelInit.defaults())));
            chromium.command("channel", "label", "theirs-" + i);
        }
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ChannelProbe m = mine.get(i);
            m.awaitOpen(T);
            chromium.await("datachannel", "ours-" + i, T);
            ChannelProbe t = theirs("theirs-" + i);
            t.awaitOpen(T);
            assertThat(ids.add(m.channel.id())).as("id of ours-%d", i).isTrue();
            assertThat(ids.add(t.channel.id())).as("id of theirs-%d", i).isTrue();
            // RFC 8832 §6: we are the DTLS client (even ids), Chromium the server (odd ids).
            assertThat(m.channel.id() % 2).isZero();
            assertThat(t.channel.id() % 2).isEqualTo(1);
        }
        for (int i = 0; i < n; i++) {
            mine.get(i).channel.send("to " + i);
            chromium.command("sendText", "label", "theirs-" + i, "text", "from " + i);
        }
        for (int i = 0; i < n; i++) {
            assertThat(chromium.await("message", "ours-" + i, T).get("text")).isEqualTo("to " + i);
            assertText(theirs("theirs-" + i).next(T), "from " + i);
        }
    }

    @Test
    void stoppingOurTransportEndsTheAssociationAndChromiumsChannelsClose() throws Exception {
        chromium.command("channel", "label", "a");
        chromiumOffers();
        ChannelProbe a = theirs("a");
        chromium.await("open", "a", T);

        // RFC 9260 §9.1: an ABORT ends the association at once; Chromium's channels then close.
        ours.sctp.stop();
        chromium.await("close", "a", T, "Chromium's channel did not close after our RTCSctpTransport.stop()");
        a.awaitClose(T);
        assertThat(ours.sctp.state()).isEqualTo(RTCSctpTransportState.CLOSED);
    }

    @Test
    void chromiumClosingItsPeerConnectionClosesOurChannelsAndTransport() throws Exception {
        chromium.command("channel", "label", "a");
        chromiumOffers();
        ChannelProbe a = theirs("a");
        chromium.await("open", "a", T);
        CompletableFuture<Void> transportClosed = new CompletableFuture<>();
        ours.sctp.onStateChange(state -> {
            if (state == RTCSctpTransportState.CLOSED) {
                transportClosed.complete(null);
            }
        });

        // Chromium ends the association (ABORT or SHUTDOWN) and its DTLS (close_notify).
        chromium.command("closePc");
        a.awaitClose(T);
        try {
            transportClosed.get(T.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our RTCSctpTransport is still " + ours.sctp.state()
                    + " after Chromium closed its peer connection (DTLS " + ours.dtls.state() + ")");
        }
    }

    // ---------------------------------------------------------------- 2. we offer

    @Test
    void weOfferChromiumAnswersAndChannelsOpenAndEchoBothWays() throws Exception {
        DataChannelSdp answer = weOffer();
        // RFC 8842 §5.3: the answerer to actpass picks; Chromium picks active, making us the server.
        assertThat(answer.setup()).as("Chromium's answer a=setup").isEqualTo(SetupRole.ACTIVE);
        assertThat(ours.dtls.role()).contains(RTCDtlsRole.SERVER);

        ChannelProbe mine = open("mine", RTCDataChannelInit.defaults());
        chromium.await("datachannel", "mine", T);
        // RFC 8832 §6: as the DTLS server our stream ids are odd.
        assertThat(mine.channel.id() % 2).isEqualTo(1);
        chromium.command("channel", "label", "theirs", "init", Json.object("protocol", "p"));
        ChannelProbe theirs = theirs("theirs");
        Map<String, Object> open = chromium.await("open", "theirs", T);
        theirs.awaitOpen(T);
        assertThat(theirs.channel.protocol()).isEqualTo("p");
        assertThat(theirs.channel.id()).isEqualTo(((Double) open.get("id")).intValue()).isEven();

        chromium.command("echo", "label", "mine", "on", true);
        chromium.await("done", e -> "echo".equals(e.get("cmd")), T);
        mine.channel.send("ping");
        mine.channel.send(new byte[] {9, 8, 7});
        assertText(mine.next(T), "ping");
        assertBinary(mine.next(T), new byte[] {9, 8, 7});
        theirs.echo(true);
        chromium.command("sendText", "label", "theirs", "text", "pong");
        assertText(theirs.next(T), "pong");
        assertThat(chromium.await("message", "theirs", T).get("text")).isEqualTo("pong");
    }

    @Test
    void weOfferChromiumAnswersAndClosingEitherSideClosesBoth() throws Exception {
        weOffer();
        ChannelProbe mine = open("mine", RTCDataChannelInit.defaults());
        chromium.await("datachannel", "mine", T);
        chromium.command("channel", "label", "theirs");
        ChannelProbe theirs = theirs("theirs");
        chromium.await("open", "theirs", T);
        theirs.awaitOpen(T);

        mine.channel.close();
        chromium.await("close", "mine", CLOSE_T, OUR_CLOSE);
        mine.awaitClose(CLOSE_T);
        chromium.command("close", "label", "theirs");
        awaitClose(theirs, "theirs");
        chromium.await("close", "theirs", CLOSE_T);
        assertThat(ours.dtlsConnected()).isTrue();
    }

    // ---------------------------------------------------------------- 3. negotiated

    @Test
    void aNegotiatedChannelWithTheSameIdOnBothSidesCarriesMessagesWithoutDcep() throws Exception {
        chromium.command("channel", "label", "neg", "init", Json.object("negotiated", true, "id", 7));
        chromiumOffers();
        ChannelProbe neg = open("neg", RTCDataChannelInit.builder().negotiated(true).id(7).build());
        Map<String, Object> open = chromium.await("open", "neg", T);
        assertThat(((Double) open.get("id")).intValue()).isEqualTo(7);
        assertThat(open.get("negotiated")).isEqualTo(true);
        assertThat(neg.channel.id()).isEqualTo(7);

        neg.channel.send("over stream 7");
        assertThat(chromium.await("message", "neg", T).get("text")).isEqualTo("over stream 7");
        chromium.command("sendBinary", "label", "neg", "base64", Base64.getEncoder().encodeToString(new byte[] {7}));
        assertBinary(neg.next(T), new byte[] {7});
        // Neither side announced it as a new remote channel.
        assertThat(chromium.seen("datachannel", "neg")).isEmpty();
        assertThat(incoming).doesNotContainKey("neg");
    }

    // ---------------------------------------------------------------- mDNS host candidates

    @Test
    void chromiumsMdnsHostCandidatesResolveAndConnect() throws Exception {
        // Chromium's default: host addresses hidden behind <uuid>.local names, which our
        // RTCIceTransport resolves with mDNS (RFC 6762) before pairing.
        try (ChromiumPeer mdns = ChromiumPeer.launchWithMdnsCandidates()) {
            chromium = mdns;
            chromium.command("create");
            chromium.command("channel", "label", "m");
            chromium.command("offer");
            String sdp = (String) chromium.await("offer", e -> true, T).get("sdp");
            DataChannelSdp offer = DataChannelSdp.read(sdp);
            List<String> hosts = new ArrayList<>();
            for (var c : offer.candidates()) {
                hosts.add(c.address());
            }
            if (hosts.stream().noneMatch(h -> h.endsWith(".local"))) {
                throw new TestAbortedException("this Chromium offered no .local candidates: " + hosts);
            }
            ours = new OrtcDataChannelPeer(T);
            ours.sctp.onDataChannel(channel -> probeFor(channel.label()).complete(new ChannelProbe(channel)));
            ours.start(offer, SetupRole.ACTIVE, RTCIceRole.CONTROLLED);
            chromium.command("remote", "type", "answer", "sdp", ours.describe(offer.mid(), SetupRole.ACTIVE).write(1, 1));
            ours.awaitConnected(T);
            ChannelProbe m = theirs("m");
            chromium.await("open", "m", T);
            m.channel.send("over mDNS");
            assertThat(chromium.await("message", "m", T).get("text")).isEqualTo("over mDNS");
        } finally {
            chromium = browser;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static int seq(Map<String, Object> event) {
        Object seq = event.get("seq");
        return seq == null ? -1 : ((Double) seq).intValue();
    }

    private static void assertText(RTCDataChannelMessage m, String expected) {
        assertThat(m.isBinary()).as("binary flag of %s", m).isFalse();
        assertThat(m.text()).isEqualTo(expected);
    }

    private static void assertBinary(RTCDataChannelMessage m, byte[] expected) {
        assertThat(m.isBinary()).as("binary flag of %s", m).isTrue();
        assertThat(m.bytes()).isEqualTo(expected);
    }

    private static void assertChromiumGot(Map<String, Object> event, boolean binary, byte[] expected) {
        assertThat(event.get("binary")).as("binary flag Chromium saw in %s", event).isEqualTo(binary);
        assertThat(((Double) event.get("length")).intValue()).isEqualTo(expected.length);
        byte[] got = binary ? Base64.getDecoder().decode((String) event.get("base64"))
                : ((String) event.get("text")).getBytes(StandardCharsets.UTF_8);
        assertThat(got).isEqualTo(expected);
    }

    /** Byte i is (i * 7 + seed) mod 256, as the page's pattern(). */
    static byte[] pattern(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 7 + seed);
        }
        return out;
    }

    /** Character i is 'a' + (i * 7 + seed) mod 26, as the page's textPattern(). */
    static String textPattern(int length, int seed) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('a' + (i * 7 + seed) % 26);
        }
        return new String(out);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
