package org.ortc4j.peerconnection;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.peerconnection.internal.jsep.LocalDescription;
import org.ortc4j.peerconnection.internal.jsep.LocalSection;
import org.ortc4j.peerconnection.internal.jsep.NegotiatedMedia;
import org.ortc4j.peerconnection.internal.jsep.RemoteDescription;
import org.ortc4j.peerconnection.internal.jsep.RemoteSection;
import org.ortc4j.peerconnection.internal.jsep.Section;
import org.ortc4j.peerconnection.internal.jsep.TransceiverState;
import org.ortc4j.rtp.RTCRtpReceiver;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sdp.MediaDirection;

/**
 * A peer connection's transceivers and what it keeps about each (its SSRCs, streams, mid, and
 * whether its sender and receiver were started): created by addTrack/addTransceiver or by a
 * remote offer, described to the JSEP builders, and started with the negotiated parameters.
 *
 * <p>Not thread-safe: used on the peer connection's thread only.
 */
final class TransceiverSet {

    private static final System.Logger LOG = System.getLogger(TransceiverSet.class.getName());

    private final RTCDtlsTransport dtls;
    private final String cname;
    private final Runnable directionChanged;
    private final SecureRandom random = new SecureRandom();
    private final List<Entry> entries = new ArrayList<>();
    private int nextId;
    private boolean decodeReceived = true;

    /**
     * An empty set.
     *
     * @param dtls the transport every sender and receiver uses
     * @param cname the RTCP CNAME of the peer connection's senders (RFC 7022)
     * @param directionChanged called (on the transceiver's caller's thread) when a transceiver's
     *     direction changes or it stops: negotiation is needed
     */
    TransceiverSet(RTCDtlsTransport dtls, String cname, Runnable directionChanged) {
        this.dtls = Objects.requireNonNull(dtls, "dtls");
        this.cname = Objects.requireNonNull(cname, "cname");
        this.directionChanged = Objects.requireNonNull(directionChanged, "directionChanged");
    }

    /** The entries in creation order (live list; the peer connection removes stopped ones). */
    List<Entry> entries() {
        return entries;
    }

    /** Whether receivers created from now on decode (see {@link RTCPeerConnection}). */
    void decodeReceived(boolean decode) {
        decodeReceived = decode;
    }

    /** A new transceiver; {@code fromRemote} when a remote offer made it. */
    Entry add(String kind, MediaStreamTrack track, RTCRtpTransceiverInit init,
            boolean fromRemote) {
        RTCRtpSender sender = track != null ? new RTCRtpSender(track, dtls) : new RTCRtpSender(kind, dtls);
        RTCRtpReceiver receiver = new RTCRtpReceiver(kind, dtls, decodeReceived);
        RTCRtpTransceiver transceiver = new RTCRtpTransceiver(sender, receiver, init.direction());
        long ssrc = randomSsrc();
        Long rtxSsrc = null;
        if (kind.equals("video")) {
            long rtx;
            do {
                rtx = randomSsrc();
            } while (rtx == ssrc);
            rtxSsrc = rtx;
        }
        if (!init.sendEncodings().isEmpty() && init.sendEncodings().get(0).ssrc() != null) {
            ssrc = Integer.toUnsignedLong(init.sendEncodings().get(0).ssrc());
        }
        Entry entry = new Entry(nextId++, kind, transceiver, ssrc, rtxSsrc, fromRemote);
        entry.streams = init.streams();
        entries.add(entry);
        // W3C §5.4: setDirection and stop ask for negotiation.
        transceiver.onNegotiationNeeded(directionChanged);
        return entry;
    }

    private long randomSsrc() {
        // RFC 3550 §8.1: SSRCs are random 32-bit values.
        return random.nextInt() & 0xffff_ffffL;
    }

    Optional<Entry> byId(int id) {
        return entries.stream().filter(t -> t.id == id).findFirst();
    }

    Optional<Entry> byMid(String mid) {
        return entries.stream().filter(t -> mid.equals(t.mid)).findFirst();
    }

    List<TransceiverState> states() {
        List<TransceiverState> states = new ArrayList<>();
        for (Entry t : entries) {
            RTCRtpTransceiverDirection direction = t.stopped() ? RTCRtpTransceiverDirection.STOPPED
                    : t.transceiver.direction();
            String trackId = t.transceiver.sender().track().map(MediaStreamTrack::id).orElse(null);
            states.add(new TransceiverState(t.id, t.mid, t.kind, direction, t.transceiver.codecPreferences(),
                    t.streams, trackId, t.ssrc, t.rtxSsrc, cname));
        }
        return states;
    }

    /**
     * W3C §4.4.1.6 process a remote offer: each media section gets a transceiver, by mid, else an
     * unassociated one of its kind that addTrack made, else a new recvonly one.
     */
    void associateRemoteOffer(RemoteDescription offer) {
        for (RemoteSection section : offer.sections()) {
            if (!section.isMedia() || section.rejected() || byMid(section.mid()).isPresent()) {
                continue;
            }
            Optional<Entry> free = entries.stream()
                    .filter(t -> t.mid == null && t.transceiver.mid().isEmpty() && !t.stopped()
                            && t.kind.equals(section.kind())).findFirst();
            Entry t = free.orElseGet(() -> add(section.kind(), null,
                    new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.RECVONLY), true));
            t.mid = section.mid();
            t.transceiver.setMid(section.mid());
        }
    }

    /** The track events for the transceivers the remote description starts sending to (once each). */
    List<RTCTrackEvent> newTracks(RemoteDescription remote) {
        List<RTCTrackEvent> events = new ArrayList<>();
        for (RemoteSection section : remote.sections()) {
            if (!section.isMedia() || section.rejected()) {
                continue;
            }
            boolean remoteSends = section.direction() == MediaDirection.SENDRECV
                    || section.direction() == MediaDirection.SENDONLY;
            Optional<Entry> found = byMid(section.mid());
            if (found.isEmpty() || !remoteSends || found.get().trackFired) {
                continue;
            }
            Entry t = found.get();
            t.trackFired = true;
            RTCRtpReceiver receiver = t.transceiver.receiver();
            events.add(new RTCTrackEvent(receiver, receiver.track(), section.streamIds(), t.transceiver));
        }
        return events;
    }

    /**
     * W3C §4.4.1.5/6: once an answer is applied, a transceiver whose section either side
     * rejected (port 0) is stopped, and stopped transceivers leave the set.
     */
    void removeRejected(LocalDescription local, RemoteDescription remote) {
        for (LocalSection section : local.mediaSections()) {
            boolean rejected = section.rejected() || remote.section(section.mid()).map(RemoteSection::rejected).orElse(true);
            if (rejected) {
                byMid(section.mid()).ifPresent(t -> t.transceiver.stop());
            }
        }
        entries.removeIf(t -> t.stopped() && t.mid != null
                && local.section(t.mid).map(Section::rejected).orElse(false));
    }

    /** Starts each negotiated sender and receiver with the parameters both sides agreed. */
    void start(LocalDescription local, RemoteDescription remote, boolean weOffered) {
        for (LocalSection section : local.mediaSections()) {
            Optional<Entry> found = byMid(section.mid());
            Optional<RemoteSection> theirs = remote.section(section.mid());
            if (found.isEmpty() || theirs.isEmpty()) {
                continue;
            }
            Entry t = found.get();
            NegotiatedMedia media = NegotiatedMedia.of(section, theirs.get(), !weOffered);
            t.transceiver.setCurrentDirection(media.currentDirection());
            boolean send = media.currentDirection() == RTCRtpTransceiverDirection.SENDRECV
                    || media.currentDirection() == RTCRtpTransceiverDirection.SENDONLY;
            boolean receive = media.currentDirection() == RTCRtpTransceiverDirection.SENDRECV
                    || media.currentDirection() == RTCRtpTransceiverDirection.RECVONLY;
            try {
                if (receive && !t.receiving && !media.receive().codecs().isEmpty()) {
                    t.receiving = true;
                    t.transceiver.receiver().receive(media.receive());
                }
                // A sender without a track announced no SSRC (the builders write a=ssrc for a
                // track only): nothing to send until a later negotiation gives it one.
                if (send && !t.everSent && !media.send().codecs().isEmpty() && !media.send().encodings().isEmpty()) {
                    t.everSent = true;
                    t.transceiver.sender().send(media.send());
                }
            } catch (RuntimeException e) {
                // A section we cannot carry stays silent; the others still run.
                LOG.log(System.Logger.Level.WARNING, "cannot start media of mid " + section.mid(), e);
            }
        }
    }


    /** What the peer connection keeps about one of its transceivers. */
    static final class Entry {
        final int id;
        final String kind;
        final RTCRtpTransceiver transceiver;
        final long ssrc;
        final Long rtxSsrc;
        final boolean fromRemote;
        String mid;
        List<String> streams = List.of();
        boolean everSent;
        boolean receiving;
        boolean trackFired;
        /** addTrack attached a track to this transceiver that a remote offer created (it survives a rollback). */
        boolean trackAddedByAddTrack;

        Entry(int id, String kind, RTCRtpTransceiver transceiver, long ssrc, Long rtxSsrc, boolean fromRemote) {
            this.id = id;
            this.kind = kind;
            this.transceiver = transceiver;
            this.ssrc = ssrc;
            this.rtxSsrc = rtxSsrc;
            this.fromRemote = fromRemote;
        }

        boolean stopped() {
            return transceiver.stopped();
        }
    }
}
