package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import org.ortc4j.sdp.RTCSdpType;

/**
 * The offer/answer rules a remote description must keep relative to what was negotiated before:
 * checks the peer connection runs in setRemoteDescription after {@link RemoteDescriptionReader}.
 * Each failure is a {@link JsepException} of kind INVALID_ACCESS (W3C InvalidAccessError).
 */
public final class DescriptionChecks {

    private DescriptionChecks() {
    }

    /**
     * Checks a remote answer (or pranswer) against our offer. RFC 3264 §6: "The answer MUST
     * contain exactly the same number of "m=" lines as the offer", in the same order; RFC 9429
     * §5.9 matches them by mid; RFC 8843 §7.3: an answer's BUNDLE group only holds mids the
     * offer bundled.
     */
    public static void answerMatchesOffer(RemoteDescription answer, LocalDescription offer) {
        if (answer.type() == RTCSdpType.OFFER) {
            throw invalid("expected an answer to our offer, got an offer");
        }
        if (answer.sections().size() != offer.sections().size()) {
            throw invalid("the answer has " + answer.sections().size() + " m-sections, our offer "
                    + offer.sections().size());
        }
        for (int i = 0; i < offer.sections().size(); i++) {
            Section ours = offer.sections().get(i);
            RemoteSection theirs = answer.sections().get(i);
            if (!ours.mid().equals(theirs.mid())) {
                throw invalid("m-section " + i + " has mid \"" + theirs.mid() + "\" in the answer and \"" + ours.mid()
                        + "\" in our offer");
            }
            if (!ours.kind().equals(theirs.kind())) {
                throw invalid("m-section " + ours.mid() + " is " + theirs.kind() + " in the answer and " + ours.kind()
                        + " in our offer");
            }
        }
        for (List<String> group : answer.bundleGroups()) {
            boolean inOne = offer.bundleGroups().stream().anyMatch(g -> g.containsAll(group));
            if (!inOne) {
                throw invalid("the answer bundles " + group + ", which our offer did not bundle together");
            }
        }
    }

    /**
     * Checks a remote offer for an existing session against the current description. RFC 9429
     * §5.8 and RFC 3264 §8: a subsequent offer keeps every existing m-section, at its index and
     * with its mid and media type; new ones come after (or reuse a rejected one).
     *
     * @param current the current local or remote description's sections, as mids and kinds
     */
    public static void offerKeepsSections(RemoteDescription offer, LocalDescription current) {
        if (current == null) {
            return;
        }
        if (offer.sections().size() < current.sections().size()) {
            throw invalid("the offer has " + offer.sections().size() + " m-sections, fewer than the "
                    + current.sections().size() + " negotiated (RFC 3264 §8: m-lines are never removed)");
        }
        for (int i = 0; i < current.sections().size(); i++) {
            Section before = current.sections().get(i);
            RemoteSection now = offer.sections().get(i);
            boolean recycled = before.rejected() && !now.mid().equals(before.mid());
            if (!recycled && (!now.mid().equals(before.mid()) || !now.kind().equals(before.kind()))) {
                throw invalid("m-section " + i + " was " + before.kind() + " mid \"" + before.mid() + "\" and is now "
                        + now.kind() + " mid \"" + now.mid() + "\"");
            }
        }
    }

    private static JsepException invalid(String message) {
        return new JsepException(JsepException.Kind.INVALID_ACCESS, message);
    }
}
