package org.ortc4j.sctp;

import org.ortc4j.ice.DomException;

/**
 * Why a data channel closed abruptly (W3C WebRTC §11.1 {@code RTCError}: an
 * {@code "OperationError"} with an {@link #errorDetail()}), as {@code RTCDataChannel.onError}
 * delivers it.
 */
public final class RTCError extends DomException {

    private static final long serialVersionUID = 1L;

    /** W3C {@code RTCErrorDetailType} "data-channel-failure": the channel itself failed. */
    public static final String DATA_CHANNEL_FAILURE = "data-channel-failure";

    /** W3C {@code RTCErrorDetailType} "sctp-failure": the SCTP association failed or was aborted. */
    public static final String SCTP_FAILURE = "sctp-failure";

    private final String errorDetail;

    /**
     * @param errorDetail the W3C {@code RTCErrorDetailType}, such as {@link #SCTP_FAILURE}
     * @param message what went wrong, for a person to read
     */
    public RTCError(String errorDetail, String message) {
        super(message);
        this.errorDetail = errorDetail;
    }

    /** The W3C {@code errorDetail}, such as {@code "sctp-failure"}. */
    public String errorDetail() {
        return errorDetail;
    }

    /** Always {@code "OperationError"} (W3C: RTCError's name). */
    @Override
    public String name() {
        return "OperationError";
    }
}
