package org.ortc4j.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.rtp.internal.TransceiverMid;

/**
 * A sender and a receiver that share a media section (W3C WebRTC §5.4 {@code RTCRtpTransceiver}):
 * its MID, the direction the application wants and the direction negotiation settled on, and the
 * codec preferences negotiation will use. The JSEP layer (ortc-peerconnection) assigns the MID
 * and the current direction; the application sets the direction and the preferences.
 *
 * <p>Thread-safe.
 */
public final class RTCRtpTransceiver {

    static {
        TransceiverMid.install(RTCRtpTransceiver::clearMid);
    }

    private final RTCRtpSender sender;
    private final RTCRtpReceiver receiver;
    private final CopyOnWriteArrayList<Runnable> negotiationListeners = new CopyOnWriteArrayList<>();
    private String mid;
    private RTCRtpTransceiverDirection direction;
    private RTCRtpTransceiverDirection currentDirection;
    private List<RTCRtpCodecCapability> codecPreferences = List.of();
    private boolean stopped;

    /**
     * A transceiver of a sender and a receiver of the same kind.
     *
     * @throws IllegalArgumentException if their kinds differ or the direction is stopped
     */
    public RTCRtpTransceiver(RTCRtpSender sender, RTCRtpReceiver receiver, RTCRtpTransceiverDirection direction) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        if (!sender.kind().equals(receiver.kind())) {
            throw new IllegalArgumentException("the sender is " + sender.kind() + " but the receiver " + receiver.kind());
        }
        this.direction = checkSettable(direction);
    }

    private static RTCRtpTransceiverDirection checkSettable(RTCRtpTransceiverDirection direction) {
        Objects.requireNonNull(direction, "direction");
        // W3C §5.4 direction setter: "If newDirection is "stopped", throw a TypeError."
        if (direction == RTCRtpTransceiverDirection.STOPPED) {
            throw new IllegalArgumentException("the direction cannot be set to stopped; call stop()");
        }
        return direction;
    }

    /** The media identification negotiation gave the section (W3C {@code mid}), if any yet. */
    public synchronized Optional<String> mid() {
        return Optional.ofNullable(mid);
    }

    /**
     * Sets the MID; the JSEP layer calls this once, when a description first associates the
     * transceiver with a media section (RFC 9429 §5.2.1, §5.10).
     *
     * @throws InvalidStateException if a different MID was already set
     */
    public synchronized void setMid(String newMid) {
        Objects.requireNonNull(newMid, "mid");
        if (mid != null && !mid.equals(newMid)) {
            throw new InvalidStateException("the transceiver's mid is " + mid + " already");
        }
        mid = newMid;
    }

    /** Forgets the mid (a rolled-back description assigned it); see {@link TransceiverMid}. */
    private synchronized void clearMid() {
        mid = null;
    }

    /** The audio or video kind of both halves. */
    public String kind() {
        return sender.kind();
    }

    /** The sender (W3C {@code sender}). */
    public RTCRtpSender sender() {
        return sender;
    }

    /** The receiver (W3C {@code receiver}). */
    public RTCRtpReceiver receiver() {
        return receiver;
    }

    /** The direction the application wants (W3C {@code direction}). */
    public synchronized RTCRtpTransceiverDirection direction() {
        return direction;
    }

    /**
     * Sets the direction the application wants (W3C §5.4 {@code direction} setter); when it
     * changes, the negotiation-needed listeners run.
     *
     * @throws IllegalArgumentException for {@code stopped} (W3C: TypeError)
     * @throws InvalidStateException if the transceiver is stopped
     */
    public void setDirection(RTCRtpTransceiverDirection newDirection) {
        checkSettable(newDirection);
        synchronized (this) {
            if (stopped) {
                throw new InvalidStateException("the transceiver is stopped");
            }
            if (direction == newDirection) {
                return;
            }
            direction = newDirection;
        }
        fireNegotiationNeeded();
    }

    /**
     * The direction negotiation settled on (W3C {@code currentDirection}); empty before the first
     * answer.
     */
    public synchronized Optional<RTCRtpTransceiverDirection> currentDirection() {
        return Optional.ofNullable(currentDirection);
    }

    /** Sets the negotiated direction; the JSEP layer calls this when an answer is applied (RFC 9429 §5.10). */
    public synchronized void setCurrentDirection(RTCRtpTransceiverDirection negotiated) {
        currentDirection = Objects.requireNonNull(negotiated, "currentDirection");
    }

    /**
     * Sets the codecs negotiation offers and accepts, in order (W3C §5.4
     * {@code setCodecPreferences}); an empty list restores the default. Each must be one of
     * {@link RTCRtpReceiver#getCapabilities}' codecs (same MIME type ignoring case, clock rate,
     * channels and format parameters).
     *
     * @throws InvalidModificationException if a codec is not a receiver capability, or only RTX
     *     is left (W3C: "If codecs only contains entries for RTX, RED, FEC ... throw
     *     InvalidModificationError")
     */
    public void setCodecPreferences(List<RTCRtpCodecCapability> codecs) {
        Objects.requireNonNull(codecs, "codecs");
        List<RTCRtpCodecCapability> capabilities = RTCRtpReceiver.getCapabilities(kind()).codecs();
        List<RTCRtpCodecCapability> accepted = new ArrayList<>();
        boolean media = false;
        for (RTCRtpCodecCapability codec : codecs) {
            Objects.requireNonNull(codec, "codec");
            if (capabilities.stream().noneMatch(capability -> sameCodec(capability, codec))) {
                throw new InvalidModificationException(codec.mimeType() + "/" + codec.clockRate() + " " + codec.parameters()
                        + " is not a codec this receiver can receive");
            }
            media |= !codec.name().equalsIgnoreCase("rtx");
            accepted.add(codec);
        }
        if (!accepted.isEmpty() && !media) {
            throw new InvalidModificationException("codec preferences hold only RTX");
        }
        synchronized (this) {
            codecPreferences = List.copyOf(accepted);
        }
    }

    private static boolean sameCodec(RTCRtpCodecCapability a, RTCRtpCodecCapability b) {
        return a.mimeType().toLowerCase(Locale.ROOT).equals(b.mimeType().toLowerCase(Locale.ROOT))
                && a.clockRate() == b.clockRate()
                && Objects.equals(a.channels(), b.channels())
                && a.parameters().equals(b.parameters());
    }

    /** The codec preferences, empty for the default. */
    public synchronized List<RTCRtpCodecCapability> codecPreferences() {
        return codecPreferences;
    }

    /**
     * Stops the transceiver for good (W3C §5.4 {@code stop}): the sender and receiver stop, the
     * direction becomes stopped, and negotiation is needed. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            direction = RTCRtpTransceiverDirection.STOPPED;
        }
        sender.stop();
        receiver.stop();
        fireNegotiationNeeded();
    }

    /** Whether {@link #stop} was called. */
    public synchronized boolean stopped() {
        return stopped;
    }

    /**
     * Runs {@code listener} when the application changed something that needs negotiation
     * (direction, stop); the peer connection turns it into {@code negotiationneeded}. Closing the
     * handle removes the listener.
     */
    public AutoCloseable onNegotiationNeeded(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        negotiationListeners.add(listener);
        return () -> negotiationListeners.remove(listener);
    }

    private void fireNegotiationNeeded() {
        for (Runnable listener : negotiationListeners) {
            listener.run();
        }
    }

    @Override
    public synchronized String toString() {
        return "RTCRtpTransceiver[" + kind() + ", mid " + mid + ", " + direction + "]";
    }
}
