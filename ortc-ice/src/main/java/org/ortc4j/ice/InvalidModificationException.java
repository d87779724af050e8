package org.ortc4j.ice;

/**
 * The W3C {@code "InvalidModificationError"} {@link DomException} (WebIDL §3.14.1: "The object
 * can not be modified in this way").
 *
 * <p>WebRTC throws it, for example, when {@code setParameters} changes what it may not: the number
 * of encodings, their RIDs or SSRCs (W3C WebRTC §5.2 {@code setParameters}), or when a session
 * description is modified between {@code createOffer} and {@code setLocalDescription}.
 */
public final class InvalidModificationException extends DomException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    public InvalidModificationException(String message) {
        super(message);
    }

    /** Always {@code "InvalidModificationError"}. */
    @Override
    public String name() {
        return "InvalidModificationError";
    }
}
