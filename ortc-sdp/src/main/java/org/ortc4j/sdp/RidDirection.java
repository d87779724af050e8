package org.ortc4j.sdp;

/** The direction of an RTP stream identifier ({@code rid-dir}, RFC 8851 §10) or simulcast list. */
public enum RidDirection {
    SEND("send"),
    RECV("recv");

    private final String value;

    RidDirection(String value) {
        this.value = value;
    }

    /** The value as written in SDP. */
    public String value() {
        return value;
    }

    /** The direction written {@code value}, or {@code null} if {@code value} is not one. */
    public static RidDirection fromValue(String value) {
        return SEND.value.equals(value) ? SEND : RECV.value.equals(value) ? RECV : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
