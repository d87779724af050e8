package org.ortc4j.rtp.internal.receive;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.internal.SequenceUnwrapper;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtpPayloadException;

/**
 * The receive jitter buffer of one RTP stream: puts packets back in sequence order, joins video
 * packets into frames, waits a bounded time for missing packets (for NACK/RTX to bring them),
 * gives up frames that cannot be completed and asks for a key frame, and releases whole frames in
 * decode order. Simplified from what libwebrtc's PacketBuffer/FrameBuffer and aiortc's
 * JitterBuffer do.
 *
 * <p>Video: a frame is the packets with one RTP timestamp, contiguous in sequence number, from a
 * packet the depacketizer calls a frame start to the packet with the marker bit (or to the packet
 * before a contiguous packet of another timestamp: a sender that forgot the marker). Frames leave
 * in order. A frame with holes waits {@link JitterBufferConfig#maxWait()} from the arrival of its
 * lowest held packet (when none of its packets came: from the arrival of the later packet that
 * shows the loss); then it is given up and, until a key frame, complete delta frames are dropped
 * (they reference what was lost). While waiting for a key frame, a complete key frame further on
 * is released at once and everything before it dropped. A stream starts waiting for a key frame.
 *
 * <p>Audio: every packet is a frame, released in sequence order; a missing packet is waited for
 * {@link JitterBufferConfig#audioMaxWait()}, then skipped. Audio never asks for key frames.
 *
 * <p>Sender restart: a packet more than {@value #MAX_SEQUENCE_JUMP} sequence numbers ahead of the
 * highest one, or as far behind the release point, or whose timestamp lies more than {@value
 * #MAX_TIMESTAMP_BACKWARDS_SECONDS} s (of its clock) before the highest one, flushes the buffer
 * and starts over from that packet (video asks for a key frame). One stray packet therefore costs
 * a flush; RFC 3550 A.1 accepts a new sequence after two packets, which we leave for later.
 *
 * <p>Confined to the scheduler's thread: every method is called on it, the timer runs on it, and
 * at most one timer is armed (the head's deadline). Exceptions of the listener are swallowed, so
 * that a listener cannot break the buffer's state.
 */
public final class JitterBuffer {

    /** A jump of more sequence numbers than this means the sender restarted. */
    static final long MAX_SEQUENCE_JUMP = 1000;

    /** A timestamp more seconds (of its clock) before the highest means the sender restarted. */
    static final long MAX_TIMESTAMP_BACKWARDS_SECONDS = 10;

    /** Receives frames and key frame requests, on the scheduler's thread. */
    public interface Listener {
        /**
         * A whole frame, in decode order. pts is the unwrapped 64-bit RTP timestamp, the time base
         * 1/clockRate, the MIME type the codec's, duration 0 (unknown).
         */
        void onFrame(EncodedFrame frame, int payloadType, long firstArrivalNanos);

        /**
         * The buffer gave up a frame it cannot complete, or decoding cannot go on without a key
         * frame: the receiver should send PLI (RFC 4585 §6.3.1). At most once per
         * keyFrameRequestInterval while still waiting.
         */
        void onKeyFrameNeeded();
    }

    /** What the buffer keeps of a packet. */
    private static final class Packet {
        final long seq;
        final long timestamp;
        final boolean marker;
        final boolean frameStart;
        final boolean keyFrame;
        final ReceiveCodec codec;
        final byte[] payload;
        final long arrivalNanos;

        Packet(long seq, long timestamp, boolean marker, boolean frameStart, boolean keyFrame,
                ReceiveCodec codec, byte[] payload, long arrivalNanos) {
            this.seq = seq;
            this.timestamp = timestamp;
            this.marker = marker;
            this.frameStart = frameStart;
            this.keyFrame = keyFrame;
            this.codec = codec;
            this.payload = payload;
            this.arrivalNanos = arrivalNanos;
        }
    }

    private final Scheduler scheduler;
    private final boolean video;
    private final ReceiveCodec[] codecs = new ReceiveCodec[128];
    private final JitterBufferConfig config;
    private final Listener listener;
    private final long waitNanos;
    private final long keyFrameIntervalNanos;

    private final TreeMap<Long, Packet> packets = new TreeMap<>();
    private SequenceUnwrapper sequenceUnwrapper = SequenceUnwrapper.forSequenceNumbers();
    private SequenceUnwrapper timestampUnwrapper = SequenceUnwrapper.forTimestamps();
    private boolean started;
    /** Whether the release point is fixed (something was released or given up). */
    private boolean established;
    /** The sequence number the next frame starts at: all before it were released or given up. */
    private long expected;
    private long highestSeq;
    private long highestTimestamp;
    /** Scan cursor of the head frame: packets expected..scanNext-1 are held, of one timestamp, without marker. */
    private long scanFrom = -1;
    private long scanNext;
    private boolean waitingForKeyFrame;
    /** The timestamp of the last video frame given up: its later packets are late. */
    private long givenUpTimestamp = Long.MIN_VALUE;
    private boolean keyFrameRequested;
    private long lastKeyFrameRequestNanos;
    private Scheduler.Cancellable timer;
    private long timerDeadline;
    private boolean closed;

    private long packetsReceived;
    private long packetsDuplicated;
    private long packetsDiscarded;
    private long packetsMalformed;
    private long packetsUnknownPayloadType;
    private long framesReceived;
    private long keyFramesReceived;
    private long framesDropped;
    private long keyFrameRequests;

    /**
     * A buffer for one stream.
     *
     * @param kind {@code "audio"} or {@code "video"}
     * @param codecs the codecs the stream may carry, by payload type
     * @throws IllegalArgumentException for another kind, two codecs of one payload type, or a MIME
     *     type ortc-media does not know
     */
    public JitterBuffer(Scheduler scheduler, String kind, List<ReceiveCodec> codecs, JitterBufferConfig config,
            Listener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (!"audio".equals(kind) && !"video".equals(kind)) {
            throw new IllegalArgumentException("kind must be audio or video: " + kind);
        }
        this.video = "video".equals(kind);
        for (ReceiveCodec codec : codecs) {
            MediaKind.ofMimeType(codec.mimeType());
            if (this.codecs[codec.payloadType()] != null) {
                throw new IllegalArgumentException("two codecs for payload type " + codec.payloadType());
            }
            this.codecs[codec.payloadType()] = codec;
        }
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.waitNanos = (video ? config.maxWait() : config.audioMaxWait()).toNanos();
        this.keyFrameIntervalNanos = config.keyFrameRequestInterval().toNanos();
        this.waitingForKeyFrame = video;
    }

    /**
     * Takes a packet (not RTX: the receiver unwraps RTX first), copying its payload; releases
     * whatever frames it completes. Bad packets are counted and dropped, never thrown.
     *
     * @param arrivalNanos when the packet arrived, on the scheduler's clock ({@link Scheduler#nanoTime()}):
     *     waits are counted from it
     */
    public void insert(RtpPacket packet, long arrivalNanos) {
        if (closed) {
            return;
        }
        packetsReceived++;
        ReceiveCodec codec = codecs[packet.payloadType()];
        if (codec == null) {
            packetsUnknownPayloadType++;
            return;
        }
        long now = scheduler.nanoTime();
        if (started && isRestart(packet, codec)) {
            restart(now);
        }
        long seq = sequenceUnwrapper.unwrap(packet.sequenceNumber());
        long timestamp = timestampUnwrapper.unwrap(packet.timestamp());
        if (!started) {
            started = true;
            expected = seq;
            highestSeq = seq;
            highestTimestamp = timestamp;
        }
        if (seq < expected) {
            if (established) {
                packetsDiscarded++;
                return;
            }
            // Before anything left, a packet reordered ahead of the stream's first one moves the start back.
            expected = seq;
        }
        if (video && established && timestamp == givenUpTimestamp) {
            // The rest of a frame already given up.
            packetsDiscarded++;
            return;
        }
        if (packets.containsKey(seq)) {
            packetsDuplicated++;
            return;
        }
        ByteBuffer payload = packet.payload();
        boolean frameStart = true;
        boolean keyFrame = true;
        if (video) {
            try {
                frameStart = codec.depacketizer().isFrameStart(payload);
                keyFrame = codec.depacketizer().isKeyFrame(payload);
            } catch (RtpPayloadException | RuntimeException e) {
                packetsMalformed++;
                return;
            }
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        Packet kept = new Packet(seq, timestamp, packet.marker(), frameStart, keyFrame, codec, bytes, arrivalNanos);
        packets.put(seq, kept);
        highestSeq = Math.max(highestSeq, seq);
        highestTimestamp = Math.max(highestTimestamp, timestamp);
        if (waitingForKeyFrame) {
            jumpToKeyFrame(kept);
        }
        process(now);
        while (packets.size() > config.maxPackets()) {
            giveUpHead(now, true);
            process(now);
        }
    }

    /** Cancels the timer and drops everything; later calls of insert do nothing. */
    public void close() {
        closed = true;
        cancelTimer();
        packets.clear();
    }

    /** The counters now. */
    public JitterBufferStats stats() {
        return new JitterBufferStats(packetsReceived, packetsDuplicated, packetsDiscarded, packetsMalformed,
                packetsUnknownPayloadType, framesReceived, keyFramesReceived, framesDropped, keyFrameRequests);
    }

    /** The number of packets held now (at most maxPackets). */
    public int packetsHeld() {
        return packets.size();
    }

    private boolean isRestart(RtpPacket packet, ReceiveCodec codec) {
        long seq = sequenceUnwrapper.peek(packet.sequenceNumber());
        if (seq > highestSeq + MAX_SEQUENCE_JUMP || seq < expected - MAX_SEQUENCE_JUMP) {
            return true;
        }
        long timestamp = timestampUnwrapper.peek(packet.timestamp());
        return timestamp < highestTimestamp - codec.clockRate() * MAX_TIMESTAMP_BACKWARDS_SECONDS;
    }

    private void restart(long now) {
        packetsDiscarded += packets.size();
        packets.clear();
        cancelTimer();
        sequenceUnwrapper = SequenceUnwrapper.forSequenceNumbers();
        timestampUnwrapper = SequenceUnwrapper.forTimestamps();
        started = false;
        established = false;
        scanFrom = -1;
        givenUpTimestamp = Long.MIN_VALUE;
        if (video) {
            enterKeyFrameWait(now);
        }
    }

    /** Releases what can go, gives up what waited too long, and arms the timer for the head's deadline. */
    private void process(long now) {
        while (!packets.isEmpty()) {
            Packet head = packets.firstEntry().getValue();
            if (head.seq != expected) {
                // Packets before the head are missing: wait for them (NACK/RTX), then skip them.
                if (now - head.arrivalNanos < waitNanos) {
                    arm(now, head.arrivalNanos + waitNanos);
                    return;
                }
                expected = head.seq;
                established = true;
                if (video) {
                    enterKeyFrameWait(now);
                }
                continue;
            }
            if (!video) {
                packets.pollFirstEntry();
                expected = head.seq + 1;
                established = true;
                release(List.of(head), now);
                continue;
            }
            if (!head.frameStart) {
                // The frame's first packet is lost for good, unless the stream just began and it may still come.
                if (!established && now - head.arrivalNanos < waitNanos) {
                    arm(now, head.arrivalNanos + waitNanos);
                    return;
                }
                giveUpHead(now, false);
                continue;
            }
            long end = findFrameEnd(head);
            if (end < 0) {
                if (now - head.arrivalNanos < waitNanos) {
                    arm(now, head.arrivalNanos + waitNanos);
                    return;
                }
                giveUpHead(now, false);
                continue;
            }
            List<Packet> frame = new ArrayList<>((int) (end - expected + 1));
            for (long s = expected; s <= end; s++) {
                frame.add(packets.remove(s));
            }
            expected = end + 1;
            established = true;
            release(frame, now);
        }
        cancelTimer();
    }

    /**
     * The last sequence number of the head frame if it is complete, else -1 (remembering how far it
     * is held). RFC 7741 §4.1 (VP8): the marker bit "MUST be set for the very last packet of each
     * encoded frame"; RFC 6184 §5.1 (H.264): "Set for the very last packet of the access unit
     * indicated by the RTP timestamp". A contiguous packet of a later timestamp also ends the
     * frame: nothing of it can be missing then, only the sender's marker.
     */
    private long findFrameEnd(Packet head) {
        long s = scanFrom == expected ? scanNext : expected;
        scanFrom = expected;
        while (true) {
            Packet q = packets.get(s);
            if (q == null) {
                scanNext = s;
                return -1;
            }
            if (q.timestamp != head.timestamp) {
                return s - 1;
            }
            if (q.marker) {
                return s;
            }
            s++;
        }
    }

    /** Depacketizes and hands on a complete frame, or drops it when it cannot be decoded. */
    private void release(List<Packet> frame, long now) {
        Packet first = frame.get(0);
        boolean key = false;
        List<ByteBuffer> payloads = new ArrayList<>(frame.size());
        for (Packet p : frame) {
            key |= p.keyFrame;
            payloads.add(ByteBuffer.wrap(p.payload).asReadOnlyBuffer());
        }
        if (waitingForKeyFrame && !key) {
            framesDropped++;
            requestKeyFrame(now);
            return;
        }
        byte[] data;
        try {
            data = first.codec.depacketizer().depacketize(payloads);
        } catch (RtpPayloadException | RuntimeException e) {
            packetsMalformed += frame.size();
            framesDropped++;
            if (video) {
                enterKeyFrameWait(now);
            }
            return;
        }
        if (video && key) {
            waitingForKeyFrame = false;
            keyFrameRequested = false;
            keyFramesReceived++;
        }
        framesReceived++;
        long firstArrival = first.arrivalNanos;
        for (Packet p : frame) {
            firstArrival = Math.min(firstArrival, p.arrivalNanos);
        }
        EncodedFrame encoded = new EncodedFrame(first.codec.mimeType(), data, !video || key, first.timestamp,
                TimeBase.ofRate(first.codec.clockRate()), 0);
        try {
            listener.onFrame(encoded, first.codec.payloadType(), firstArrival);
        } catch (RuntimeException e) {
            // The listener's failure is its own; the buffer goes on.
        }
    }

    /**
     * Gives up the head frame: skips missing packets before it, drops the held packets of its
     * timestamp (audio: the one packet). For the bound, its packets count as discarded.
     */
    private void giveUpHead(long now, boolean bound) {
        Map.Entry<Long, Packet> first = packets.firstEntry();
        if (first == null) {
            return;
        }
        long timestamp = first.getValue().timestamp;
        long removed = 0;
        long last = first.getKey();
        do {
            last = packets.pollFirstEntry().getKey();
            removed++;
        } while (video && !packets.isEmpty() && packets.firstEntry().getValue().timestamp == timestamp);
        expected = packets.isEmpty() ? last + 1 : packets.firstKey();
        established = true;
        if (!video || timestamp != givenUpTimestamp) {
            framesDropped++;
        }
        if (video) {
            givenUpTimestamp = timestamp;
        }
        if (bound) {
            packetsDiscarded += removed;
        }
        if (video) {
            enterKeyFrameWait(now);
        }
    }

    /**
     * While waiting for a key frame: if the packet completes a key frame beyond the head, drop
     * everything before that frame so that it leaves at once.
     */
    private void jumpToKeyFrame(Packet packet) {
        long start = packet.seq;
        while (true) {
            Packet previous = packets.get(start - 1);
            if (previous == null || previous.timestamp != packet.timestamp) {
                break;
            }
            start--;
        }
        Packet first = packets.get(start);
        if (start <= expected || !first.frameStart) {
            return;
        }
        boolean key = false;
        for (long s = start; ; s++) {
            Packet q = packets.get(s);
            if (q == null) {
                return;
            }
            if (q.timestamp != packet.timestamp) {
                break;
            }
            key |= q.keyFrame;
            if (q.marker) {
                break;
            }
        }
        if (!key) {
            return;
        }
        long droppedTimestamp = Long.MIN_VALUE;
        while (packets.firstKey() < start) {
            Packet dropped = packets.pollFirstEntry().getValue();
            if (dropped.timestamp != droppedTimestamp) {
                framesDropped++;
                droppedTimestamp = dropped.timestamp;
            }
        }
        givenUpTimestamp = droppedTimestamp;
        expected = start;
        established = true;
    }

    private void enterKeyFrameWait(long now) {
        waitingForKeyFrame = true;
        requestKeyFrame(now);
    }

    private void requestKeyFrame(long now) {
        if (!video || (keyFrameRequested && now - lastKeyFrameRequestNanos < keyFrameIntervalNanos)) {
            return;
        }
        keyFrameRequested = true;
        lastKeyFrameRequestNanos = now;
        keyFrameRequests++;
        try {
            listener.onKeyFrameNeeded();
        } catch (RuntimeException e) {
            // As in release: the listener's failure is its own.
        }
    }

    private void arm(long now, long deadline) {
        if (timer != null && timerDeadline == deadline) {
            return;
        }
        cancelTimer();
        timerDeadline = deadline;
        timer = scheduler.schedule(this::onTimer, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void onTimer() {
        timer = null;
        if (!closed) {
            process(scheduler.nanoTime());
        }
    }
}
