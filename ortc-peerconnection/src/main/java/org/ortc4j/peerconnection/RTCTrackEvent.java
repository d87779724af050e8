package org.ortc4j.peerconnection;

import java.util.List;
import java.util.Objects;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.rtp.RTCRtpReceiver;
import org.ortc4j.rtp.RTCRtpTransceiver;

/**
 * The {@code track} event (W3C WebRTC §5.7 {@code RTCTrackEvent}): a remote track the remote
 * description starts sending us.
 *
 * @param receiver the receiver of the track
 * @param track the track ({@code receiver.track()})
 * @param streams the ids of the remote streams the track belongs to (a=msid); the W3C event holds
 *     MediaStream objects
 * @param transceiver the transceiver the receiver belongs to
 */
public record RTCTrackEvent(RTCRtpReceiver receiver, MediaStreamTrack track, List<String> streams,
        RTCRtpTransceiver transceiver) {

    /** Checks and copies. */
    public RTCTrackEvent {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(transceiver, "transceiver");
        streams = List.copyOf(streams);
    }
}
