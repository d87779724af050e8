package org.ortc4j.examples.signaling;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ortc4j.examples.signaling.JsonText.JsonNumber;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The JSON text of each signaling message, as aiortc's {@code object_to_string} and
 * {@code object_from_string} (aiortc/contrib/signaling.py) write and read it:
 * <pre>
 * {"sdp": "v=0\r\n...", "type": "offer"}          an RTCSessionDescription
 * {"candidate": "candidate:...", "id": "0", "label": 0, "type": "candidate"}   a SignaledCandidate
 * {"type": "bye"}                                  Bye.BYE
 * </pre>
 * {@link #toJson} gives the same characters as Python's {@code json.dumps(message,
 * sort_keys=True)}: members in name order, {@code ", "} and {@code ": "} as separators, non-ASCII
 * characters as {@code \}{@code u} escapes, no line break (so one message is one line).
 *
 * <p>{@link #fromJson} reads what aiortc reads, strictly:
 * <ul>
 *   <li>a description holds exactly the members {@code sdp} (a string) and {@code type}
 *       ({@code offer}, {@code answer}, and also {@code pranswer} and {@code rollback}, the other
 *       W3C types, which aiortc cannot read); aiortc passes the members to the
 *       {@code RTCSessionDescription} constructor, so it too fails on any other member;</li>
 *   <li>a candidate holds {@code candidate} (a string starting with {@code candidate:}),
 *       {@code id} (a string or null) and {@code label} (an integer literal in 0..65535, or null);
 *       all three must be present, as aiortc indexes them; other members are ignored, as aiortc
 *       ignores them; an empty {@code candidate} is refused (aiortc fails on it too: it has no
 *       end-of-candidates message);</li>
 *   <li>a bye holds {@code type} and any other members, which are ignored, as in aiortc.</li>
 * </ul>
 * Anything else is an {@link InvalidSignalingMessageException} that says what is wrong.
 */
public final class SignalingMessages {

    private static final String TYPE = "type";
    private static final String SDP = "sdp";
    private static final String CANDIDATE = "candidate";
    private static final String ID = "id";
    private static final String LABEL = "label";
    private static final String BYE = "bye";

    private static final Set<String> DESCRIPTION_MEMBERS = Set.of(SDP, TYPE);

    private SignalingMessages() {
    }

    /**
     * The JSON text of a message, one line without a line ending.
     *
     * @param message an {@link RTCSessionDescription}, a {@link SignaledCandidate} or
     *     {@link Bye#BYE}
     * @throws IllegalArgumentException if {@code message} is none of these
     * @throws NullPointerException if {@code message} is null
     */
    public static String toJson(Object message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof RTCSessionDescription description) {
            // aiortc: message = {"sdp": obj.sdp, "type": obj.type}; json.dumps sorts the keys
            return "{\"sdp\": " + JsonText.quote(description.sdp()) + ", \"type\": "
                    + JsonText.quote(description.type().value()) + "}";
        }
        if (message instanceof SignaledCandidate signaled) {
            // aiortc: {"candidate": "candidate:" + candidate_to_sdp(obj), "id": obj.sdpMid,
            // "label": obj.sdpMLineIndex, "type": "candidate"}, keys sorted
            return "{\"candidate\": " + JsonText.quote(signaled.candidate().toCandidateString())
                    + ", \"id\": " + (signaled.sdpMid() == null ? "null" : JsonText.quote(signaled.sdpMid()))
                    + ", \"label\": " + (signaled.sdpMLineIndex() == null ? "null" : signaled.sdpMLineIndex())
                    + ", \"type\": \"candidate\"}";
        }
        if (message == Bye.BYE) {
            return "{\"type\": \"bye\"}";
        }
        throw new IllegalArgumentException("not a signaling message: " + message.getClass().getName()
                + "; expected an RTCSessionDescription, a SignaledCandidate or Bye.BYE");
    }

    /**
     * Reads one message.
     *
     * @param json the JSON text of one message; white space around it, such as the line ending,
     *     is allowed
     * @return an {@link RTCSessionDescription}, a {@link SignaledCandidate} or {@link Bye#BYE}
     * @throws InvalidSignalingMessageException if {@code json} is not a signaling message (see the
     *     class comment)
     * @throws NullPointerException if {@code json} is null
     */
    public static Object fromJson(String json) {
        Objects.requireNonNull(json, "json");
        Map<String, Object> message = JsonText.parseObject(json);
        if (!message.containsKey(TYPE)) {
            throw invalid("no \"type\" member", json);
        }
        if (!(message.get(TYPE) instanceof String type)) {
            throw invalid("\"type\" is not a string", json);
        }
        switch (type) {
            case "offer", "answer", "pranswer", "rollback" -> {
                return description(type, message, json);
            }
            case CANDIDATE -> {
                return candidate(message, json);
            }
            case BYE -> {
                return Bye.BYE;
            }
            default -> throw invalid("unknown type \"" + abbreviate(type, 40)
                    + "\"; expected offer, answer, pranswer, rollback, candidate or bye", json);
        }
    }

    private static RTCSessionDescription description(String type, Map<String, Object> message, String json) {
        for (String name : message.keySet()) {
            if (!DESCRIPTION_MEMBERS.contains(name)) {
                throw invalid("unexpected member \"" + abbreviate(name, 40) + "\" in a description; "
                        + "only \"sdp\" and \"type\" are allowed", json);
            }
        }
        if (!message.containsKey(SDP)) {
            throw invalid("no \"sdp\" member in a description", json);
        }
        if (!(message.get(SDP) instanceof String sdp)) {
            throw invalid("\"sdp\" is not a string", json);
        }
        try {
            return RTCSessionDescription.of(type, sdp);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignalingMessageException("invalid description: " + e.getMessage() + ", in "
                    + abbreviate(json), e);
        }
    }

    private static SignaledCandidate candidate(Map<String, Object> message, String json) {
        for (String name : new String[] {CANDIDATE, ID, LABEL}) {
            if (!message.containsKey(name)) {
                throw invalid("no \"" + name + "\" member in a candidate", json);
            }
        }
        if (!(message.get(CANDIDATE) instanceof String text)) {
            throw invalid("\"candidate\" is not a string", json);
        }
        if (text.isEmpty()) {
            throw invalid("empty \"candidate\": aiortc's signaling has no end-of-candidates message", json);
        }
        if (!text.startsWith(RTCIceCandidate.PREFIX)) {
            throw invalid("\"candidate\" does not start with \"candidate:\"", json);
        }
        Object id = message.get(ID);
        if (id != null && !(id instanceof String)) {
            throw invalid("\"id\" (the sdpMid) is neither a string nor null", json);
        }
        Integer label = label(message.get(LABEL), json);
        RTCIceCandidate candidate;
        try {
            candidate = RTCIceCandidate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignalingMessageException("invalid candidate: " + e.getMessage(), e);
        }
        return new SignaledCandidate(candidate, (String) id, label);
    }

    private static Integer label(Object value, String json) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegerLiteral()) {
            throw invalid("\"label\" (the sdpMLineIndex) is neither an integer nor null", json);
        }
        String digits = number.literal();
        // W3C WebRTC §4.8.1: sdpMLineIndex is an unsigned short
        if (digits.startsWith("-") || digits.length() > 5 || Integer.parseInt(digits) > SignaledCandidate.MAX_M_LINE_INDEX) {
            throw invalid("\"label\" " + abbreviate(digits, 40) + " is outside 0..65535", json);
        }
        return Integer.parseInt(digits);
    }

    private static InvalidSignalingMessageException invalid(String problem, String json) {
        return new InvalidSignalingMessageException("invalid signaling message: " + problem + ", in " + abbreviate(json));
    }

    static String abbreviate(String text) {
        return '"' + abbreviate(text, 120) + '"';
    }

    private static String abbreviate(String text, int max) {
        String shown = text.length() <= max ? text : text.substring(0, max) + "...";
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            // keep the error message on one line and free of terminal control sequences
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
