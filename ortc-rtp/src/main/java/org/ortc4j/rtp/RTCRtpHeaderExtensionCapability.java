package org.ortc4j.rtp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * An RTP header extension this implementation supports (W3C WebRTC §5.2.13
 * {@code RTCRtpHeaderExtensionCapability}; aiortc {@code RTCRtpHeaderExtensionCapability}).
 *
 * @param uri the extension's URI, such as {@code "urn:ietf:params:rtp-hdrext:sdes:mid"}
 */
public record RTCRtpHeaderExtensionCapability(String uri) {

    /**
     * Validates the URI.
     *
     * @throws NullPointerException if uri is null
     * @throws IllegalArgumentException if uri is not an absolute URI
     */
    public RTCRtpHeaderExtensionCapability {
        checkUri(uri);
    }

    // RFC 8285 §5: an extension is named in a=extmap by its URI; the registered ones are URNs
    // (urn:ietf:params:rtp-hdrext:...) and the rest are URLs, so all are absolute URIs.
    static void checkUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        boolean absolute;
        try {
            absolute = !uri.isEmpty() && new URI(uri).isAbsolute();
        } catch (URISyntaxException e) {
            absolute = false;
        }
        if (!absolute) {
            throw new IllegalArgumentException("header extension uri \"" + uri
                    + "\" is not an absolute URI such as urn:ietf:params:rtp-hdrext:sdes:mid");
        }
    }
}
