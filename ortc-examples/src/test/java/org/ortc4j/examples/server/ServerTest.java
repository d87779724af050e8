package org.ortc4j.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.examples.signaling.SignalingMessages;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.media.VideoSourceTrack;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCIceGatheringState;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCTrackEvent;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The server's HTTP side, and a whole call with one of our own peer connections in the browser's
 * place (what the page does, in Java): the video comes back transformed, the chat answers pings
 * and records the page's reports.
 */
class ServerTest {

    private static final long TIMEOUT_SECONDS = 30;
    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Server server;

    ServerTest() throws Exception {
        server = Server.start(new ServerOptions("127.0.0.1", 0, true, true),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
        System.out.print(logBytes.toString(StandardCharsets.UTF_8));
    }

    /** An HTTP response as the test reads it (java.net.http is not a module this one reads). */
    private record Response(int statusCode, String contentType, String allow, String body) {}

    private Response send(String method, String path, String body) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) server.localUri().resolve(path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        String text = "";
        if (in != null) {
            try (in) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Response response = new Response(status, connection.getContentType(), connection.getHeaderField("Allow"), text);
        connection.disconnect();
        return response;
    }

    @Test
    void servesThePageAndItsScript() throws Exception {
        Response page = send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"client.js\"></script>", "id=\"video-transform\"");
        Response script = send("GET", "/client.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.contentType()).isEqualTo("application/javascript; charset=utf-8");
        assertThat(script.body()).contains("fetch('/offer'", "createDataChannel('chat'");
        assertThat(send("HEAD", "/", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/server.py", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/", "x").statusCode()).isEqualTo(405);
        Response getOffer = send("GET", "/offer", null);
        assertThat(getOffer.statusCode()).isEqualTo(405);
        assertThat(getOffer.allow()).isEqualTo("POST");
    }

    @Test
    void badOffersGetAClearRefusalAndNoCall() throws Exception {
        Response notJson = send("POST", "/offer", "sdp=v%3D0");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("malformed JSON", "expected a JSON object");
        Response badTransform = send("POST", "/offer", "{\"sdp\":\"v=0\",\"type\":\"offer\",\"video_transform\":\"x\"}");
        assertThat(badTransform.statusCode()).isEqualTo(400);
        assertThat(badTransform.body()).contains("unknown video transform");
        Response notSdp = send("POST", "/offer", "{\"sdp\":\"hello\",\"type\":\"offer\"}");
        assertThat(notSdp.statusCode()).isEqualTo(400);
        assertThat(notSdp.body()).startsWith("the offer was refused");
        Response tooLong = send("POST", "/offer", "{\"sdp\":\"" + "a".repeat(OfferRequest.MAX_BODY_BYTES) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("longer than");
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void aJavaPeerGetsItsVideoBackAsEdgesAndItsPingsAnswered() throws Exception {
        try (RTCPeerConnection browser = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK)) {
            // The test pattern: a diagonal grey gradient with a white bar moving across it.
            VideoSourceTrack camera = new VideoSourceTrack(MediaClock.system(), 160, 120, 15);
            browser.addTrack(camera, "camera");
            RTCDataChannel chat = browser.createDataChannel("chat");
            CompletableFuture<String> pong = new CompletableFuture<>();
            chat.onMessage(message -> pong.complete(message.text()));
            CompletableFuture<Void> open = new CompletableFuture<>();
            chat.onOpen(() -> open.complete(null));
            CompletableFuture<RTCTrackEvent> back = new CompletableFuture<>();
            browser.onTrack(back::complete);
            CompletableFuture<Void> gathered = new CompletableFuture<>();
            browser.onIceGatheringStateChange(state -> {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            });
            CompletableFuture<BrowserCall> answered = new CompletableFuture<>();
            server.onCall(answered::complete);

            browser.setLocalDescription().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            gathered.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String json = SignalingMessages.toJson(browser.localDescription());
            String body = json.substring(0, json.length() - 1) + ", \"video_transform\": \"edges\"}";
            Response response = send("POST", "/offer", body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("application/json");
            RTCSessionDescription answer = (RTCSessionDescription) SignalingMessages.fromJson(response.body());
            assertThat(answer.sdp()).contains("a=end-of-candidates");
            browser.setRemoteDescription(answer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            BrowserCall call = answered.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.calls()).containsExactly(call);

            open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            chat.send("ping 1234");
            assertThat(pong.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("pong 1234");
            CompletableFuture<Void> recorded = new CompletableFuture<>();
            call.onChatMessage(text -> {
                if (text.equals("hello")) {
                    recorded.complete(null);
                }
            });
            chat.send("decoded 17 160x120 12 140");
            chat.send("decoded many 160x120 12 140");
            chat.send("decoded 18 160x120 256 140");
            chat.send("hello");
            recorded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(call.pingsAnswered()).isEqualTo(1);
            assertThat(call.framesDecodedByBrowser()).isEqualTo(17);
            assertThat(call.frameSizeDecodedByBrowser()).isEqualTo("160x120");
            assertThat(call.brightnessSeenByBrowser()).isEqualTo(12);
            assertThat(call.cameraBrightnessSeenByBrowser()).isEqualTo(140);
            assertThat(call.chatMessagesIgnored()).isEqualTo(3);

            // The pattern's mean luma is about 100; its edges are black but for the bar's two
            // sides and are where the server's and our VP8 leave them, so mostly near black.
            MediaStreamTrack returned = back.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).track();
            VideoFrame frame = null;
            for (int i = 0; i < 10; i++) {
                frame = (VideoFrame) returned.recv().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            assertThat(frame.width()).isEqualTo(160);
            assertThat(frame.height()).isEqualTo(120);
            assertThat(meanLuma(frame)).as("mean luma of the returned frame").isLessThan(40);
            assertThat(brightColumns(frame)).as("columns with a bright edge").isBetween(1, 12);
            assertThat(call.cameraFramesReceived()).isGreaterThanOrEqualTo(10);
            assertThat(call.cameraFrameSize()).isEqualTo("160x120");
            // The server's transceiver is sendrecv: its stats hold both streams, the codec once.
            RTCStatsReport stats = call.peerConnection().getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(stats.ofType(RTCStatsType.INBOUND_RTP)).singleElement()
                    .satisfies(s -> assertThat(s.getLong("framesDecoded")).isGreaterThanOrEqualTo(10));
            assertThat(stats.ofType(RTCStatsType.OUTBOUND_RTP)).singleElement()
                    .satisfies(s -> assertThat(s.getLong("framesSent")).isGreaterThanOrEqualTo(10));
            camera.stop();
        }
    }

    private static double meanLuma(VideoFrame frame) {
        long sum = 0;
        for (int row = 0; row < frame.height(); row++) {
            for (int x = 0; x < frame.width(); x++) {
                sum += frame.lumaAt(x, row);
            }
        }
        return sum / (double) (frame.width() * frame.height());
    }

    /** Columns where most rows are bright: the vertical edges of the pattern's bar. */
    private static int brightColumns(VideoFrame frame) {
        int columns = 0;
        for (int x = 0; x < frame.width(); x++) {
            int bright = 0;
            for (int row = 0; row < frame.height(); row++) {
                if (frame.lumaAt(x, row) > 128) {
                    bright++;
                }
            }
            if (bright > frame.height() / 2) {
                columns++;
            }
        }
        return columns;
    }
}
