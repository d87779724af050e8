package org.ortc4j.peerconnection.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaCall.HEIGHT;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaCall.MEDIA;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaCall.VIDEO_FRAMES;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaCall.WIDTH;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaStats.number;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaTest.inbound;
import static org.ortc4j.peerconnection.chromium.ChromiumMediaTest.outbound;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.media.AudioSourceTrack;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.VideoSourceTrack;
import org.ortc4j.peerconnection.RTCSignalingState;
import org.ortc4j.peerconnection.RTCTrackEvent;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelState;
import org.ortc4j.sctp.chromium.Json;

/**
 * Renegotiation with headless Chromium that adds video to a call already carrying a data channel
 * and audio (RFC 9429 §5.2.2 / §5.3.2, subsequent offers and answers): once with us adding our
 * test pattern and offering again, once with Chromium adding its fake camera and offering again.
 * The audio and the data channel keep working across the new negotiation, the new video is
 * decoded on the other side, and both sides' {@code getStats()} show the RTP streams.
 */
class ChromiumMediaRenegotiationTest {

    @RegisterExtension
    static final ChromiumMediaCalls CALLS = new ChromiumMediaCalls();

    /**
     * We open with a data channel and a tone; Chromium answers and plays the tone. Then we add our
     * test pattern (addTrack fires negotiationneeded, W3C §4.7.3) and offer again: Chromium's
     * answer accepts a third m-section in the same BUNDLE group, decodes the video, the tone plays
     * on, and the channel still carries messages both ways.
     */
    @Test
    void weAddVideoToACallWithADataChannelAndAudio(ChromiumMediaCall call) throws Exception {
        RTCDataChannel chat = call.ours.createDataChannel("chat");
        CompletableFuture<String> reply = new CompletableFuture<>();
        chat.onMessage(m -> reply.complete(m.text()));
        call.ours.addTrack(AudioSourceTrack.tone(), "ortc4j");
        call.weOffer();
        call.awaitConnected();
        call.chromium.await("datachannel", "chat", ChromiumMediaCall.STEP);
        double samplesBefore = number(call.chromiumStatsWhen("inbound-rtp", "audio", "totalSamplesReceived", 24_000, MEDIA)
                .rtp("inbound-rtp", "audio"), "totalSamplesReceived");

        CompletableFuture<Void> negotiationNeeded = new CompletableFuture<>();
        call.ours.onNegotiationNeeded(() -> negotiationNeeded.complete(null));
        call.ours.addTrack(new VideoSourceTrack(MediaClock.system(), WIDTH, HEIGHT, 30), "ortc4j");
        ChromiumMediaCall.await(negotiationNeeded);
        String answer = call.weOffer();

        assertThat(call.ours.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(answer).contains("a=group:BUNDLE 0 1 2", "m=video");
        call.chromium.await("track", e -> "video".equals(e.get("kind")), ChromiumMediaCall.STEP);
        ChromiumMediaStats stats = call.chromiumStatsWhen("inbound-rtp", "video", "framesDecoded", VIDEO_FRAMES, MEDIA);
        Map<String, Object> video = stats.rtp("inbound-rtp", "video");
        assertThat(number(video, "frameWidth")).isEqualTo(WIDTH);
        assertThat(number(video, "frameHeight")).isEqualTo(HEIGHT);
        assertThat(stats.codecOf(video).get("mimeType")).isEqualTo("video/VP8");
        Map<String, Object> audio = stats.rtp("inbound-rtp", "audio");
        assertThat(number(audio, "totalSamplesReceived")).as("the tone plays on").isGreaterThan(samplesBefore);

        call.chromium.command("send", "label", "chat", "text", "after renegotiation");
        assertThat(ChromiumMediaCall.await(reply)).isEqualTo("after renegotiation");
        chat.send("and back");
        assertThat(call.chromium.await("message", "chat", ChromiumMediaCall.STEP).get("text")).isEqualTo("and back");

        RTCStatsReport ours = call.ourStats();
        assertThat(outbound(ours, "video").getLong("framesSent")).isGreaterThanOrEqualTo(VIDEO_FRAMES);
        assertThat(outbound(ours, "audio").getLong("packetsSent")).isGreaterThan(50);
        assertThat(call.ours.getTransceivers()).hasSize(2).allSatisfy(t ->
                assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY));
    }

    /**
     * Chromium opens with a data channel and its fake microphone; we answer and decode the audio.
     * Then Chromium adds its fake camera and offers again; our answer accepts the new m-section,
     * a second track event brings the video, decoded at the camera's size, while the audio goes
     * on and the channel still carries messages.
     */
    @Test
    void chromiumAddsItsCameraToACallWithADataChannelAndAudio(ChromiumMediaCall call) throws Exception {
        CompletableFuture<RTCDataChannel> chat = new CompletableFuture<>();
        call.ours.onDataChannel(chat::complete);
        call.chromium.command("channel", "label", "chat");
        call.chromium.command("media", "audio", true);
        call.chromium.await("media", e -> true, ChromiumMediaCall.STEP);
        call.chromiumOffers();
        call.awaitConnected();
        RTCTrackEvent audioEvent = call.track(0);
        assertThat(audioEvent.track().kind().value()).isEqualTo("audio");
        ChromiumMediaFrameProbe audio = call.probe(audioEvent);
        audio.awaitFrames(25, MEDIA);
        RTCDataChannel channel = ChromiumMediaCall.await(chat);
        assertThat(channel.label()).isEqualTo("chat");

        call.chromium.command("media", "video", Json.object("width", WIDTH, "height", HEIGHT));
        call.chromium.await("media", e -> true, ChromiumMediaCall.STEP);
        String offer = call.chromiumOffers();
        assertThat(offer).contains("a=group:BUNDLE 0 1 2", "m=video");
        assertThat(call.ours.signalingState()).isEqualTo(RTCSignalingState.STABLE);

        RTCTrackEvent videoEvent = call.track(1);
        assertThat(videoEvent.track().kind().value()).isEqualTo("video");
        assertThat(videoEvent.streams()).as("a second stream of Chromium's").doesNotContainAnyElementsOf(audioEvent.streams());
        ChromiumMediaFrameProbe video = call.probe(videoEvent);
        int audioBefore = audio.frames();
        video.awaitFrames(VIDEO_FRAMES, MEDIA);
        assertThat(video.videoSizes()).containsOnlyKeys(WIDTH + "x" + HEIGHT);
        assertThat(video.distinctPictures()).as("a moving picture: %s", video).isGreaterThan(VIDEO_FRAMES / 2);
        audio.awaitFrames(audioBefore + 25, MEDIA);

        CompletableFuture<String> message = new CompletableFuture<>();
        channel.onMessage(m -> message.complete(m.text()));
        assertThat(channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);
        call.chromium.command("send", "label", "chat", "text", "camera on");
        assertThat(ChromiumMediaCall.await(message)).isEqualTo("camera on");

        RTCStatsReport ours = call.ourStats();
        assertThat(inbound(ours, "video").getLong("framesDecoded")).isGreaterThanOrEqualTo(VIDEO_FRAMES);
        assertThat(inbound(ours, "audio").getLong("packetsReceived")).isGreaterThanOrEqualTo(audioBefore + 25);
        assertThat(call.ours.getTransceivers()).hasSize(2).allSatisfy(t ->
                assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY));
    }
}
