package org.ortc4j.examples;

import java.util.List;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.SetupRole;

/**
 * What an offer and its answer settle for one m-section, seen from the offerer.
 *
 * <p>A rejected section settles nothing: its lists are empty and its other fields {@code null}
 * or {@code false}.
 *
 * @param index the 0-based position of the m-section, the same in offer and answer (RFC 3264 §6)
 * @param kind the media type: {@code audio}, {@code video}, {@code application}, ...
 * @param mid the section's {@code a=mid}, or {@code null} if neither side wrote one
 * @param rejected whether the answer (or already the offer) gave the section port 0
 * @param answerDirection the direction the answer states (RTP sections), or {@code null}
 * @param offererDirection the direction the offerer ends up with: the answer's reversed, or
 *     {@code null} for sections without RTP
 * @param codecs the payload types both sides have, with the answer's payload type numbers,
 *     format parameters and order, and the feedback types both list
 * @param headerExtensions the answer's {@code a=extmap} lines whose URI the offer also has
 * @param rtcpMux whether the offer's {@code a=rtcp-mux} was accepted (RTP sections)
 * @param answerSetup the answer's {@code a=setup}, or {@code null} if it has none
 * @param offererDtlsRole the DTLS role the answer gives the offerer, or {@code null} if the
 *     answer's setup decides nothing ({@code actpass}, {@code holdconn})
 * @param bundleTag the first mid of the answer's BUNDLE group holding this section, whose
 *     transport the whole group shares (RFC 8843 §7.3.1), or {@code null} if not bundled
 * @param sctp the data channel settlement, or {@code null} if this is not an SCTP section
 */
public record NegotiatedSection(int index, String kind, String mid, boolean rejected,
        MediaDirection answerDirection, MediaDirection offererDirection, List<CodecDescription> codecs,
        List<ExtmapAttribute> headerExtensions, boolean rtcpMux, SetupRole answerSetup,
        DtlsRole offererDtlsRole, String bundleTag, NegotiatedSctp sctp) {

    public NegotiatedSection {
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
    }

    /** A section the answer rejected. */
    static NegotiatedSection rejected(int index, String kind, String mid) {
        return new NegotiatedSection(index, kind, mid, true, null, null, List.of(), List.of(), false, null, null,
                null, null);
    }

    /** The DTLS role of the answerer, or {@code null} if undecided. */
    public DtlsRole answererDtlsRole() {
        return offererDtlsRole == null ? null : offererDtlsRole.opposite();
    }

    /** Whether the section shares a BUNDLE transport. */
    public boolean bundled() {
        return bundleTag != null;
    }

    /** Whether this section carries RTP (it has a direction and codecs). */
    public boolean carriesRtp() {
        return offererDirection != null;
    }
}
