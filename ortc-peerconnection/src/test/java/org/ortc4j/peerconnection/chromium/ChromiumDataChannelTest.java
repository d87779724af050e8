package org.ortc4j.peerconnection.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.T;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.pattern;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.sha256;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.textPattern;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ortc4j.peerconnection.chromium.ChromiumPcSession.Role;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCDataChannelMessage;
import org.ortc4j.sctp.RTCDataChannelState;
import org.ortc4j.sctp.chromium.Json;

/**
 * Data channels (RFC 8831, DCEP RFC 8832) between our {@code RTCPeerConnection} and headless
 * Chromium's, negotiated by JSEP in both roles, trickling candidates both ways: each side opens a
 * channel (the offerer's before the offer, the answerer's in-band afterwards), text and binary
 * messages echo, messages up to the negotiated a=max-message-size (RFC 8841 §6) pass intact, an
 * unordered unreliable channel delivers, and closing from either side closes both ends.
 */
class ChromiumDataChannelTest extends ChromiumPcBrowser {

    /** The a=max-message-size of an SDP's data section. */
    private static final Pattern MAX_MESSAGE_SIZE = Pattern.compile("a=max-message-size:(\\d+)");

    private String chromiumsDescription;
    private String ourDescription;

    /**
     * Opens {@code ours} (our channel) and {@code theirs} (Chromium's), the offerer's channel
     * before the offer, the answerer's once connected; returns when both ends of both are open.
     */
    private Channels connect(Role role, String ours, RTCDataChannelInit ourInit, String theirs,
            Map<String, Object> theirInit) throws Exception {
        ChromiumPcChannel mine;
        if (role == Role.WE_OFFER) {
            mine = session.ours(ours, ourInit);
            chromiumsDescription = session.weOffer(true, true, false);
            ourDescription = session.pc.localDescription().sdp();
            session.awaitConnected();
            session.chromium.command("channel", "label", theirs, "init", theirInit);
        } else {
            session.chromium.command("channel", "label", theirs, "init", theirInit);
            chromiumsDescription = session.chromiumOffers(true, true, false);
            ourDescription = session.pc.localDescription().sdp();
            session.awaitConnected();
            mine = session.ours(ours, ourInit);
        }
        mine.awaitOpen(T);
        Map<String, Object> opened = session.chromium.await("datachannel", ours, T,
                "Chromium's datachannel event for our channel '" + ours + "' (DCEP DATA_CHANNEL_OPEN, RFC 8832 §5.1)");
        ChromiumPcChannel them = session.theirs(theirs);
        them.awaitOpen(T);
        session.chromium.await("open", theirs, T);
        return new Channels(mine, opened, them);
    }

    private record Channels(ChromiumPcChannel ours, Map<String, Object> oursAtChromium, ChromiumPcChannel theirs) {
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void textAndBinaryMessagesEchoBothWays(Role role) throws Exception {
        Channels c = connect(role, "java", null, "chromium", Map.of());
        assertThat(c.oursAtChromium()).containsEntry("ordered", true).containsEntry("negotiated", false);

        // Ours to Chromium, which echoes.
        session.chromium.command("echo", "label", "java", "on", true);
        // The page runs commands as it polls them: echo must be on before our messages arrive.
        session.chromium.await("done", e -> "echo".equals(e.get("cmd")), T);
        String text = "héllo from Java ✓";
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0x80, 42};
        c.ours().channel.send(text);
        c.ours().channel.send(binary);
        Map<String, Object> gotText = session.chromium.await("message", "java", T);
        assertThat(gotText).containsEntry("binary", false).containsEntry("text", text);
        Map<String, Object> gotBinary = session.chromium.await("message", "java", T);
        assertThat(gotBinary).containsEntry("binary", true)
                .containsEntry("base64", Base64.getEncoder().encodeToString(binary));
        RTCDataChannelMessage echoedText = c.ours().next(T);
        assertThat(echoedText.isBinary()).isFalse();
        assertThat(echoedText.text()).isEqualTo(text);
        RTCDataChannelMessage echoedBinary = c.ours().next(T);
        assertThat(echoedBinary.isBinary()).isTrue();
        assertThat(echoedBinary.bytes()).isEqualTo(binary);

        // Chromium to us on its channel; we answer each.
        String theirText = "ça va? 🙂";
        byte[] theirBinary = pattern(300, 5);
        session.chromium.command("sendText", "label", "chromium", "text", theirText);
        session.chromium.command("sendBinary", "label", "chromium", "base64",
                Base64.getEncoder().encodeToString(theirBinary));
        RTCDataChannelMessage first = c.theirs().next(T);
        assertThat(first.isBinary()).isFalse();
        assertThat(first.text()).isEqualTo(theirText);
        RTCDataChannelMessage second = c.theirs().next(T);
        assertThat(second.isBinary()).isTrue();
        assertThat(second.bytes()).isEqualTo(theirBinary);
        c.theirs().channel.send(first.text().toUpperCase());
        c.theirs().channel.send(second.bytes());
        assertThat(session.chromium.await("message", "chromium", T)).containsEntry("text", theirText.toUpperCase());
        assertThat(session.chromium.await("message", "chromium", T))
                .containsEntry("base64", Base64.getEncoder().encodeToString(theirBinary));
        assertThat(session.chromium.errors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void messagesUpToTheNegotiatedMaximumPassIntact(Role role) throws Exception {
        Channels c = connect(role, "big-java", null, "big-chromium", Map.of());
        // RFC 8841 §6.1: a sender may send messages up to the size the remote's
        // a=max-message-size gives; W3C §6.1.1 maxMessageSize is that, bounded by what we can send.
        long chromiumAccepts = maxMessageSize(chromiumsDescription);
        long weAccept = maxMessageSize(ourDescription);
        long max = session.pc.sctp().maxMessageSize();
        assertThat(max).isPositive().isLessThanOrEqualTo(chromiumAccepts);
        session.chromium.command("sctp");
        long chromiumMax = ((Number) session.chromium.await("sctp", e -> true, T).get("maxMessageSize")).longValue();
        assertThat(chromiumMax).isPositive().isLessThanOrEqualTo(weAccept);

        // The largest message we may send, binary and then text, reaches Chromium whole.
        byte[] biggest = pattern((int) max, 11);
        c.ours().channel.send(biggest);
        c.ours().channel.send(textPattern((int) max, 12));
        assertThat(session.chromium.await("message", "big-java", T))
                .containsEntry("binary", true).containsEntry("length", (double) max);
        assertThat(session.chromium.await("digest", "big-java", T)).containsEntry("sha256", sha256(biggest));
        assertThat(session.chromium.await("message", "big-java", T))
                .containsEntry("binary", false).containsEntry("length", (double) max);
        assertThat(session.chromium.await("digest", "big-java", T))
                .containsEntry("sha256", sha256(textPattern((int) max, 12).getBytes(StandardCharsets.UTF_8)));
        // W3C §6.2 send: "If the byte size of data exceeds the value of maxMessageSize ... throw a TypeError."
        assertThatThrownBy(() -> c.ours().channel.send(new byte[(int) max + 1]))
                .isInstanceOf(IllegalArgumentException.class);

        // The largest message Chromium may send reaches us whole.
        session.chromium.command("sendPattern", "label", "big-chromium", "length", chromiumMax, "seed", 3, "binary", true);
        session.chromium.command("sendPattern", "label", "big-chromium", "length", chromiumMax, "seed", 4, "binary", false);
        RTCDataChannelMessage binary = c.theirs().next(T);
        assertThat(binary.isBinary()).isTrue();
        assertThat(binary.bytes()).isEqualTo(pattern((int) chromiumMax, 3));
        RTCDataChannelMessage text = c.theirs().next(T);
        assertThat(text.isBinary()).isFalse();
        assertThat(text.text()).isEqualTo(textPattern((int) chromiumMax, 4));
        assertThat(session.chromium.errors()).isEmpty();
    }

    private static long maxMessageSize(String sdp) {
        Matcher m = MAX_MESSAGE_SIZE.matcher(sdp);
        // RFC 8841 §6.1: without the attribute the peer accepts 64 KiB.
        return m.find() ? Long.parseLong(m.group(1)) : 65536;
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void unorderedUnreliableChannelsDeliver(Role role) throws Exception {
        RTCDataChannelInit lossy = RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build();
        Channels c = connect(role, "lossy-java", lossy, "timed-chromium",
                Json.object("ordered", false, "maxPacketLifeTime", 1000));
        // RFC 8832 §5.1: the DATA_CHANNEL_OPEN's channel type and reliability parameter carry them.
        assertThat(c.oursAtChromium()).containsEntry("ordered", false).containsEntry("maxRetransmits", 0.0)
                .containsEntry("maxPacketLifeTime", null);
        assertThat(c.theirs().channel.ordered()).isFalse();
        assertThat(c.theirs().channel.maxPacketLifeTime()).isEqualTo(1000);
        assertThat(c.theirs().channel.maxRetransmits()).isNull();

        // Loopback loses nothing: every message arrives, in whatever order.
        int count = 50;
        for (int i = 0; i < count; i++) {
            c.ours().channel.send("java-" + i);
        }
        Set<String> atChromium = new HashSet<>();
        for (int i = 0; i < count; i++) {
            atChromium.add((String) session.chromium.await("message", "lossy-java", T).get("text"));
        }
        session.chromium.command("sendMany", "label", "timed-chromium", "count", count, "prefix", "chromium-");
        Set<String> atUs = new HashSet<>();
        for (int i = 0; i < count; i++) {
            atUs.add(c.theirs().next(T).text());
        }
        Set<String> sent = new HashSet<>();
        Set<String> theirsSent = new HashSet<>();
        for (int i = 0; i < count; i++) {
            sent.add("java-" + i);
            theirsSent.add("chromium-" + i);
        }
        assertThat(atChromium).isEqualTo(sent);
        assertThat(atUs).isEqualTo(theirsSent);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closingAChannelFromEitherSideClosesBothEnds(Role role) throws Exception {
        Channels c = connect(role, "closed-by-java", null, "closed-by-chromium", Map.of());

        // RFC 8831 §6.7: closing resets the outgoing stream; the peer resets its own in turn and
        // both ends fire close.
        c.ours().channel.close();
        session.chromium.await("close", "closed-by-java", T,
                "Chromium's close for the channel we closed (RFC 8831 §6.7 stream reset)");
        c.ours().awaitClose(T);

        session.chromium.command("close", "label", "closed-by-chromium");
        c.theirs().awaitClose(T);
        session.chromium.await("close", "closed-by-chromium", T,
                "Chromium's close for its own channel, once we reset our stream in turn");
        assertThat(c.theirs().isClosed()).isTrue();
        assertThat(session.chromium.errors()).isEmpty();
        // The peer connection is still up for other channels.
        ChromiumPcChannel after = session.ours("after-close", null);
        after.awaitOpen(T);
        session.chromium.await("datachannel", "after-close", T);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closingOurPeerConnectionClosesEveryChannelAtBothEnds(Role role) throws Exception {
        Channels c = connect(role, "java", null, "chromium", Map.of());

        // W3C §4.4.1.5 close the connection: every data channel's readyState is closed when
        // close() returns, abruptly (no close event); RFC 8831 §6.7 / RFC 9260 §9: the SCTP
        // association ends, so the peer's ends close, with their events.
        session.pc.close();
        assertThat(c.ours().channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(c.theirs().channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(c.ours().isClosed()).as("no close event").isFalse();
        session.chromium.await("close", "java", T, "Chromium's close for our channel after our close()");
        session.chromium.await("close", "chromium", T, "Chromium's close for its channel after our close()");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void chromiumClosingItsPeerConnectionClosesOurChannels(Role role) throws Exception {
        Channels c = connect(role, "java", null, "chromium", Map.of());

        // Chromium's pc.close() aborts the SCTP association (RFC 9260 §9.1) and closes DTLS
        // (close_notify, RFC 8446 §6.1): our ends of every channel close.
        session.chromium.command("closePc");
        session.chromium.await("done", e -> "closePc".equals(e.get("cmd")), T);
        c.ours().awaitClose(T);
        c.theirs().awaitClose(T);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void anOrderedReliableChannelKeepsTheOrderOfABurst(Role role) throws Exception {
        Channels c = connect(role, "burst-java", null, "burst-chromium", Map.of());
        int count = 200;

        // RFC 8831 §6.6 / W3C ordered: messages arrive in the order they were sent.
        session.chromium.command("sendMany", "label", "burst-chromium", "count", count, "prefix", "c");
        for (int i = 0; i < count; i++) {
            assertThat(c.theirs().next(T).text()).isEqualTo("c" + i);
        }
        for (int i = 0; i < count; i++) {
            c.ours().channel.send("j" + i);
        }
        for (int i = 0; i < count; i++) {
            assertThat(session.chromium.await("message", "burst-java", T)).containsEntry("text", "j" + i)
                    .containsEntry("seq", (double) i);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void preNegotiatedChannelsOpenWithoutDcepOnTheSameId(Role role) throws Exception {
        // W3C §6.1 negotiated: both applications create the channel with the same id; no
        // DATA_CHANNEL_OPEN is sent (RFC 8832 is not used), so no datachannel event fires.
        RTCDataChannelInit negotiated = RTCDataChannelInit.builder().negotiated(true).id(7).build();
        ChromiumPcChannel mine = session.ours("agreed", negotiated);
        session.chromium.command("channel", "label", "agreed", "init", Json.object("negotiated", true, "id", 7));
        if (role == Role.WE_OFFER) {
            session.weOffer(true, true, false);
        } else {
            session.chromiumOffers(true, true, false);
        }
        session.awaitConnected();
        mine.awaitOpen(T);
        assertThat(session.chromium.await("open", "agreed", T)).containsEntry("negotiated", true)
                .containsEntry("id", 7.0);
        assertThat(mine.channel.id()).isEqualTo(7);

        mine.channel.send("over stream 7");
        assertThat(session.chromium.await("message", "agreed", T)).containsEntry("text", "over stream 7");
        session.chromium.command("sendText", "label", "agreed", "text", "back over stream 7");
        assertThat(mine.next(T).text()).isEqualTo("back over stream 7");
        assertThat(session.chromium.seen("datachannel", "agreed")).isEmpty();
    }
}
