package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=msid:<stream id> [<track id>]}: ties the media section's track to a media stream
 * (RFC 8830 §2). JSEP writes one line per stream the track belongs to, and {@code -} as the
 * stream id for a track in no stream.
 *
 * @param streamId the MediaStream id ({@code msid-id})
 * @param trackId the track id ({@code msid-appdata}), or {@code null} when absent
 */
public record MsidAttribute(String streamId, String trackId) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "msid";

    public MsidAttribute {
        SdpSyntax.requireNonWs(streamId, "msid stream id");
        if (trackId != null) {
            SdpSyntax.requireNonWs(trackId, "msid track id");
        }
    }

    /** Reads the text after {@code a=msid:}. */
    public static MsidAttribute parse(String value) {
        var fields = SdpSyntax.fields(value);
        if (fields.isEmpty() || fields.size() > 2) {
            throw new IllegalArgumentException("msid must be a stream id and an optional track id");
        }
        return new MsidAttribute(fields.get(0), fields.size() == 2 ? fields.get(1) : null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return trackId == null ? streamId : streamId + ' ' + trackId;
    }
}
