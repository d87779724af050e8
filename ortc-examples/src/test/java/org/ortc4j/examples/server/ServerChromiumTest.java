package org.ortc4j.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.sctp.chromium.ChromiumPeer;

/**
 * The example as a user runs it: headless Chromium opens the server's page with its fake camera
 * and microphone, the page starts by itself ({@code ?start=1}), and the server sees the camera's
 * frames and the chat's pings, and hears from the page that it decoded the transformed video the
 * server sent back (the page reports its inbound-rtp {@code framesDecoded} on the chat channel,
 * and how bright its camera and the returned picture look: edges are mostly black).
 */
class ServerChromiumTest {

    private static final long TIMEOUT_SECONDS = 40;
    /** Frames the page must say it decoded: about two seconds of the returned video. */
    private static final long FRAMES_DECODED = 40;

    @Test
    void chromiumSendsItsCameraAndChatsAndDecodesTheEdgesItGetsBack() throws Exception {
        call("?start=1&audio=1&video=1&transform=edges&resolution=320x240", call -> {
            assertThat(call.videoTransform()).isEqualTo(VideoTransform.EDGES);
            // Chromium offers VP8 first; the answer keeps the offerer's order.
            assertThat(videoCodec(call)).isEqualTo("video/VP8");
            // What the page shows: its camera in colour, the edges the server sent mostly black.
            assertThat(call.cameraBrightnessSeenByBrowser()).as("camera brightness in the page").isGreaterThan(40);
            assertThat(call.brightnessSeenByBrowser()).as("brightness of the returned video in the page")
                    .isBetween(0, call.cameraBrightnessSeenByBrowser() / 2);
        });
    }

    @Test
    void withOnlyH264OfferedTheCartoonComesBackInH264() throws Exception {
        call("?start=1&audio=1&video=1&transform=cartoon&resolution=320x240&codec=H264/90000", call -> {
            assertThat(call.videoTransform()).isEqualTo(VideoTransform.CARTOON);
            assertThat(videoCodec(call)).isEqualTo("video/H264");
            assertThat(call.brightnessSeenByBrowser()).as("brightness of the returned video in the page").isPositive();
        });
    }

    /** What a test checks of its call, besides what every call must show. */
    @FunctionalInterface
    private interface CallCheck {
        void check(BrowserCall call) throws Exception;
    }

    private static String videoCodec(BrowserCall call) throws Exception {
        RTCStatsReport stats = call.peerConnection().getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String codecId = stats.ofType(RTCStatsType.OUTBOUND_RTP).stream()
                .filter(s -> s.getString("kind").equals("video")).findFirst().orElseThrow().getString("codecId");
        return stats.get(codecId).orElseThrow().getString("mimeType");
    }

    /** Opens the page with {@code query}, waits for enough reports, checks the common facts and then {@code more}. */
    private static void call(String query, CallCheck more) throws Exception {
        ChromiumPeer.requireInstalled();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (Server server = Server.start(new ServerOptions("127.0.0.1", 0, true, true), log)) {
            CompletableFuture<BrowserCall> answered = new CompletableFuture<>();
            CompletableFuture<BrowserCall> enough = new CompletableFuture<>();
            server.onCall(call -> {
                answered.complete(call);
                call.onChatMessage(text -> {
                    if (call.pingsAnswered() >= 2 && call.framesDecodedByBrowser() >= FRAMES_DECODED
                            && call.brightnessSeenByBrowser() >= 0) {
                        enough.complete(call);
                    }
                });
            });
            URI page = server.localUri().resolve("/" + query);
            try (ChromiumPeer chromium = ChromiumPeer.open(page,
                    List.of("--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"))) {
                BrowserCall call;
                try {
                    answered.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    call = enough.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("the page did not report enough: server log\n" + logBytes.toString(StandardCharsets.UTF_8)
                            + "\nChromium:\n" + chromium.logTail(40), e);
                }
                assertThat(server.calls()).containsExactly(call);
                assertThat(call.cameraFramesReceived()).as("camera frames received and decoded").isPositive();
                assertThat(call.cameraFrameSize()).isEqualTo("320x240");
                assertThat(call.frameSizeDecodedByBrowser()).as("the browser decodes what the server sent, same size")
                        .isEqualTo("320x240");
                assertThat(call.chatMessagesIgnored()).isZero();
                // The offer carried audio, video and the data channel; the answer sends both back.
                String answer = call.peerConnection().localDescription().sdp();
                assertThat(answer).contains("m=audio", "m=video", "m=application", "a=sendrecv", "a=end-of-candidates");
                // The microphone goes back as it came: the audio sender sends what the receiver decoded.
                RTCStatsReport stats = call.peerConnection().getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(stats.ofType(RTCStatsType.OUTBOUND_RTP)).as("audio echoed")
                        .anySatisfy(s -> {
                            assertThat(s.getString("kind")).isEqualTo("audio");
                            assertThat(s.getLong("packetsSent")).isPositive();
                        });
                more.check(call);
            }
            String text = logBytes.toString(StandardCharsets.UTF_8);
            System.out.print(text);
            assertThat(text).contains("Created for", "Track video received", "Track audio received",
                    "Connection state is connected", "chat < ping ");
        }
    }
}
