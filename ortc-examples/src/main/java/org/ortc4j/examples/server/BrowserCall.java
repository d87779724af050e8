package org.ortc4j.examples.server;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCIceGatheringState;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionState;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelMessage;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The server's side of one browser's call (the body of aiortc's server's {@code offer} handler):
 * a peer connection that answers the page's offer, sends the camera back through a
 * {@link VideoTransformTrack}, sends the microphone straight back, and on the {@code chat} data
 * channel answers {@code ping <t>} with {@code pong <t>} and records the page's
 * {@code decoded ...} reports about the video it gets back.
 */
public final class BrowserCall implements AutoCloseable {

    /** The stream id of the tracks sent back, so the page gets them in one MediaStream. */
    static final String STREAM_ID = "ortc4j-server";
    /** Longer than any chat line the page sends; longer ones are counted and ignored. */
    static final int MAX_CHAT_LINE = 200;

    private final String id = "PeerConnection(" + UUID.randomUUID() + ")";
    private final RTCPeerConnection pc;
    private final VideoTransform transform;
    private final Executor transforms;
    private final Consumer<String> log;
    private final Consumer<String> debug;
    private final List<VideoTransformTrack> videoTracks = new CopyOnWriteArrayList<>();
    private final AtomicLong pingsAnswered = new AtomicLong();
    private final AtomicLong chatIgnored = new AtomicLong();
    private final CompletableFuture<RTCPeerConnectionState> ended = new CompletableFuture<>();
    private final List<Consumer<String>> chatListeners = new CopyOnWriteArrayList<>();
    private volatile long framesDecodedByBrowser = -1;
    private volatile String sizeDecodedByBrowser = "";
    private volatile int brightnessBack = -1;
    private volatile int brightnessCamera = -1;

    /**
     * @param gatherOptions the ICE gatherer's options (loopback candidates or not)
     * @param transform what to do to the camera's frames
     * @param transforms where frames are transformed
     * @param log where the call says what happens (the server's log)
     */
    BrowserCall(RTCIceGatherOptions gatherOptions, VideoTransform transform, Executor transforms, ServerLog log) {
        this.pc = new RTCPeerConnection(new RTCConfiguration(), gatherOptions);
        this.transform = transform;
        this.transforms = transforms;
        this.log = message -> log.info(id + " " + message);
        this.debug = message -> log.debug(id + " " + message);
        pc.onDataChannel(this::onDataChannel);
        pc.onTrack(event -> this.log.accept("Track " + event.track().kind().value() + " received"));
        pc.onConnectionStateChange(state -> {
            this.log.accept("Connection state is " + state.value());
            if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
                ended.complete(state);
            }
        });
    }

    /**
     * Answers {@code offer}: sets it, adds a track back for each audio and video the browser sends,
     * and returns the answer once ICE gathering is complete, so it carries every candidate (the
     * page does not trickle). Blocks the calling thread (an HTTP worker) for that long.
     *
     * @throws TimeoutException if the peer connection takes longer than {@code timeout}
     * @throws ExecutionException if the offer is refused (its cause says why)
     */
    RTCSessionDescription answer(RTCSessionDescription offer, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> gathered = new CompletableFuture<>();
        pc.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        pc.setRemoteDescription(offer).get(remaining(deadline), TimeUnit.NANOSECONDS);
        for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
            MediaStreamTrack received = transceiver.receiver().track();
            switch (received.kind()) {
                // aiortc's server plays a WAV file back; this one echoes the microphone.
                case AUDIO -> pc.addTrack(received, STREAM_ID);
                case VIDEO -> {
                    VideoTransformTrack back = new VideoTransformTrack(received, transform, transforms);
                    videoTracks.add(back);
                    pc.addTrack(back, STREAM_ID);
                }
                default -> { }
            }
        }
        pc.setLocalDescription().get(remaining(deadline), TimeUnit.NANOSECONDS);
        gathered.get(remaining(deadline), TimeUnit.NANOSECONDS);
        return pc.localDescription();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private void onDataChannel(RTCDataChannel channel) {
        log.accept("Data channel \"" + channel.label() + "\" opened by the browser");
        channel.onMessage(message -> onChat(channel, message));
    }

    private void onChat(RTCDataChannel channel, RTCDataChannelMessage message) {
        if (message.isBinary() || message.length() > MAX_CHAT_LINE) {
            chatIgnored.incrementAndGet();
            return;
        }
        String text = message.text();
        debug.accept("chat < " + text);
        // aiortc: if message.startswith("ping"): channel.send("pong" + message[4:])
        if (text.startsWith("ping")) {
            pingsAnswered.incrementAndGet();
            channel.send("pong" + text.substring(4));
        } else if (!recordDecodedReport(text)) {
            chatIgnored.incrementAndGet();
        }
        chatListeners.forEach(listener -> listener.accept(text));
    }

    /**
     * Runs {@code listener} with each text message of the page, after the call has answered or
     * recorded it (so the counters already include it). Runs on the transport's network thread:
     * it must not block. Closing the handle removes it.
     */
    public AutoCloseable onChatMessage(Consumer<String> listener) {
        chatListeners.add(listener);
        return () -> chatListeners.remove(listener);
    }

    /**
     * Reads the page's report {@code decoded <frames> <width>x<height> <back> <camera>}, where
     * {@code back} and {@code camera} are the mean brightness (0..255, -1 when unknown) of the
     * returned video and of the camera as the page shows them; false if {@code text} is not one.
     */
    private boolean recordDecodedReport(String text) {
        String[] words = text.split(" ");
        if (words.length != 5 || !words[0].equals("decoded") || !words[1].matches("[0-9]{1,12}")
                || !words[2].matches("[0-9]{1,5}x[0-9]{1,5}") || !isBrightness(words[3]) || !isBrightness(words[4])) {
            return false;
        }
        framesDecodedByBrowser = Long.parseLong(words[1]);
        sizeDecodedByBrowser = words[2];
        brightnessBack = Integer.parseInt(words[3]);
        brightnessCamera = Integer.parseInt(words[4]);
        return true;
    }

    private static boolean isBrightness(String word) {
        return word.equals("-1") || word.matches("[0-9]{1,3}") && Integer.parseInt(word) <= 255;
    }

    /** The peer connection's name in the log. */
    public String id() {
        return id;
    }

    /** The peer connection (to read its states and stats). */
    public RTCPeerConnection peerConnection() {
        return pc;
    }

    /** The transform applied to the camera. */
    public VideoTransform videoTransform() {
        return transform;
    }

    /** Camera frames received and decoded (the frames handed to the transform). */
    public long cameraFramesReceived() {
        return videoTracks.stream().mapToLong(VideoTransformTrack::framesTransformed).sum();
    }

    /** Size of the last camera frame, {@code "0x0"} before the first. */
    public String cameraFrameSize() {
        return videoTracks.isEmpty() ? "0x0" : videoTracks.get(0).lastSize();
    }

    /** {@code ping} messages answered with {@code pong}. */
    public long pingsAnswered() {
        return pingsAnswered.get();
    }

    /** Chat messages that were neither a ping nor a report. */
    public long chatMessagesIgnored() {
        return chatIgnored.get();
    }

    /**
     * The last count of video frames the page said it decoded from what this server sent
     * ({@code inbound-rtp} {@code framesDecoded} of the browser's getStats), -1 before any report.
     */
    public long framesDecodedByBrowser() {
        return framesDecodedByBrowser;
    }

    /** The size of those frames as the page reported it, {@code "WxH"}, empty before any report. */
    public String frameSizeDecodedByBrowser() {
        return sizeDecodedByBrowser;
    }

    /** Completes when the connection fails or closes. */
    CompletableFuture<RTCPeerConnectionState> ended() {
        return ended;
    }

    /**
     * The mean brightness (0..255) of the returned video as the page last showed it, -1 before a
     * report or before its first frame: low for {@link VideoTransform#EDGES}, whose picture is
     * mostly black.
     */
    public int brightnessSeenByBrowser() {
        return brightnessBack;
    }

    /** The mean brightness (0..255) of the camera's picture in the page, -1 when unknown. */
    public int cameraBrightnessSeenByBrowser() {
        return brightnessCamera;
    }

    /** Closes the peer connection and stops the tracks sent back. */
    @Override
    public void close() {
        pc.close();
        videoTracks.forEach(MediaStreamTrack::stop);
        ended.complete(RTCPeerConnectionState.CLOSED);
    }
}
