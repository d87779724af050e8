package org.ortc4j.ice;

/**
 * A STUN or TURN server could not be used while gathering (ORTC {@code RTCIceGathererIceErrorEvent};
 * W3C WebRTC §4.8.2 {@code RTCPeerConnectionIceErrorEvent}).
 *
 * @param address the local address the request went out from, or {@code null} when it was not sent
 * @param port the local port, or {@code null}
 * @param url the server's URL as configured
 * @param errorCode the STUN error code the server answered (RFC 8489 §14.8), or 701 when no
 *     answer came or the server could not be reached (W3C WebRTC §4.8.2: "If no host candidate can
 *     reach the server, errorCode will be set to the value 701")
 * @param errorText the server's reason phrase, or what went wrong
 */
public record RTCIceGathererIceErrorEvent(String address, Integer port, String url, int errorCode, String errorText) {

    /** W3C WebRTC §4.8.2: the server could not be reached. */
    public static final int UNREACHABLE = 701;
}
