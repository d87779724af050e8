package org.ortc4j.examples.signaling;

/** The signaling methods the {@code --signaling} flag chooses from, named as aiortc names them. */
public enum SignalingMethod {
    /** {@link CopyAndPasteSignaling}: the default, as in aiortc. */
    COPY_AND_PASTE("copy-and-paste"),
    /** {@link TcpSocketSignaling}. */
    TCP_SOCKET("tcp-socket");

    private final String flagValue;

    SignalingMethod(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The value of the {@code --signaling} flag: {@code copy-and-paste} or {@code tcp-socket}. */
    public String flagValue() {
        return flagValue;
    }

    /**
     * The method named by a flag value.
     *
     * @throws IllegalArgumentException if {@code value} names no method
     */
    public static SignalingMethod fromFlagValue(String value) {
        for (SignalingMethod method : values()) {
            if (method.flagValue.equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("argument --signaling/-s: invalid choice: '" + value
                + "' (choose from 'copy-and-paste', 'tcp-socket')");
    }

    @Override
    public String toString() {
        return flagValue;
    }
}
