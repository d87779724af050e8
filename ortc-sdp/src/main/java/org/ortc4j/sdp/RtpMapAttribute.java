package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}: what an
 * RTP payload type carries (RFC 8866 §6.6). For audio the encoding parameters are the channel
 * count, as in {@code opus/48000/2}.
 *
 * @param payloadType the RTP payload type, 0..127
 * @param encodingName the encoding name as written, such as {@code opus} or {@code VP8}
 * @param clockRate the RTP clock rate in Hz
 * @param encodingParameters the channel count for audio, or {@code null} when absent
 */
public record RtpMapAttribute(int payloadType, String encodingName, int clockRate, Integer encodingParameters)
        implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rtpmap";

    public RtpMapAttribute {
        checkPayloadType(payloadType);
        SdpSyntax.requireToken(encodingName, "rtpmap encoding name");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("rtpmap encoding name contains '/': " + SdpSyntax.quote(encodingName));
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("rtpmap clock rate must be positive, not " + clockRate);
        }
        if (encodingParameters != null && encodingParameters <= 0) {
            throw new IllegalArgumentException("rtpmap channels must be positive, not " + encodingParameters);
        }
    }

    static void checkPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " is out of range 0..127");
        }
    }

    /** Reads the text after {@code a=rtpmap:}. */
    public static RtpMapAttribute parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("rtpmap must be <payload type> <encoding>/<clock rate>");
        }
        int payloadType = SdpSyntax.parseInt(value.substring(0, space), 0, 127, "rtpmap payload type");
        String[] parts = value.substring(space + 1).split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("rtpmap encoding must be <name>/<clock rate>[/<channels>], not "
                    + SdpSyntax.quote(value.substring(space + 1)));
        }
        int clockRate = SdpSyntax.parseInt(parts[1], 1, Integer.MAX_VALUE, "rtpmap clock rate");
        Integer channels = parts.length == 3
                ? SdpSyntax.parseInt(parts[2], 1, Integer.MAX_VALUE, "rtpmap encoding parameters") : null;
        return new RtpMapAttribute(payloadType, parts[0], clockRate, channels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        String base = payloadType + " " + encodingName + '/' + clockRate;
        return encodingParameters == null ? base : base + '/' + encodingParameters;
    }
}
