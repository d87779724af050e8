package org.ortc4j.examples;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.ortc4j.sdp.FingerprintAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;

/**
 * One m-section read together with its session: the attributes that may be written at either
 * level come from the section if it has them, and from the session otherwise.
 *
 * <p>Browsers write ICE and DTLS attributes in every m-section, but GStreamer and libdatachannel
 * write some of them once at session level; reading only the section would report them missing.
 *
 * @param session the description the section belongs to
 * @param section the m-section
 */
public record MediaSection(SessionDescription session, MediaDescription section) {

    public MediaSection {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(section, "section");
    }

    /** Every m-section of {@code session}, in order. */
    public static List<MediaSection> of(SessionDescription session) {
        return session.media().stream().map(section -> new MediaSection(session, section)).toList();
    }

    /**
     * The direction that applies. RFC 8866 §6.7: the direction attributes may be written at
     * session or media level, and "If none of the attributes ... is present, "sendrecv" SHOULD be
     * assumed".
     */
    public MediaDirection direction() {
        return section.direction().or(session::direction).orElse(MediaDirection.SENDRECV);
    }

    /** Whether the section or its session writes a direction attribute, rather than leaving the default. */
    public boolean directionWritten() {
        return section.direction().or(session::direction).isPresent();
    }

    /** {@code a=ice-ufrag}; RFC 8839 §5.4 allows it at session or media level. */
    public Optional<String> iceUfrag() {
        return section.iceUfrag().or(session::iceUfrag);
    }

    /** {@code a=ice-options} of the section and of the session, without repeats. */
    public List<String> iceOptions() {
        return Stream.concat(session.iceOptions().stream(), section.iceOptions().stream())
                .distinct()
                .toList();
    }

    /** {@code a=fingerprint}; RFC 8122 §5 allows it at session or media level. */
    public List<FingerprintAttribute> fingerprints() {
        List<FingerprintAttribute> own = section.fingerprints();
        return own.isEmpty() ? session.fingerprints() : own;
    }

    /** {@code a=setup}; RFC 4145 §4 allows it at session or media level. */
    public Optional<SetupRole> setup() {
        return section.setup().or(session::setup);
    }
}
