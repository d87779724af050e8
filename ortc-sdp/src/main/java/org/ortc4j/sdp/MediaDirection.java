package org.ortc4j.sdp;

/**
 * The direction of a media section (RFC 8866 §6.7; JSEP RFC 9429 §5.2.4): whether its sender
 * sends and whether it receives.
 */
public enum MediaDirection {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String value;

    MediaDirection(String value) {
        this.value = value;
    }

    /** The attribute name as written in SDP, such as {@code sendrecv}. */
    public String value() {
        return value;
    }

    /** Whether this direction includes sending. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether this direction includes receiving. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /**
     * The direction the other side takes in an answer (RFC 3264 §6.1): sendonly becomes recvonly
     * and recvonly becomes sendonly.
     */
    public MediaDirection reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** The direction written {@code value}, or {@code null} if {@code value} is not one. */
    public static MediaDirection fromValue(String value) {
        for (MediaDirection direction : values()) {
            if (direction.value.equals(value)) {
                return direction;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
