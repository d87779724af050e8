package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=sctpmap:<number> <app> [<streams>]}: the pre-RFC 8841 way of describing a data
 * channel section ({@code m=application 9 DTLS/SCTP 5000} with
 * {@code a=sctpmap:5000 webrtc-datachannel 1024}), still sent by aiortc and answered by browsers.
 *
 * @param number the SCTP port, which is also the m-line format
 * @param app the application, {@code webrtc-datachannel}
 * @param streams the number of streams, or {@code null} when absent
 */
public record SctpmapAttribute(int number, String app, Integer streams) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "sctpmap";

    public SctpmapAttribute {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("sctpmap port " + number + " is out of range 0..65535");
        }
        SdpSyntax.requireToken(app, "sctpmap application");
        if (streams != null && streams < 0) {
            throw new IllegalArgumentException("sctpmap streams must not be negative: " + streams);
        }
    }

    /** Reads the text after {@code a=sctpmap:}. */
    public static SctpmapAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() < 2 || fields.size() > 3) {
            throw new IllegalArgumentException("sctpmap must be <port> <application> [<streams>]");
        }
        return new SctpmapAttribute(
                SdpSyntax.parseInt(fields.get(0), 0, 65535, "sctpmap port"),
                fields.get(1),
                fields.size() == 3 ? SdpSyntax.parseInt(fields.get(2), 0, Integer.MAX_VALUE, "sctpmap streams") : null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return streams == null ? number + " " + app : number + " " + app + ' ' + streams;
    }
}
