package org.ortc4j.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=fmtp:<payload type> <parameters>}: format-specific parameters of a payload type
 * (RFC 8866 §6.15), usually {@code key=value} pairs joined by {@code ;}
 * ({@code minptime=10;useinbandfec=1}) but sometimes not ({@code 111/111} for RED).
 *
 * <p>Stacks differ in spacing around {@code ;}, so the parameter text is kept verbatim and
 * {@link #parameterMap()} reads it.
 *
 * @param payloadType the RTP payload type the parameters apply to, 0..127
 * @param parameters the text after the payload type and its space, as written
 */
public record FmtpAttribute(int payloadType, String parameters) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "fmtp";

    public FmtpAttribute {
        RtpMapAttribute.checkPayloadType(payloadType);
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("fmtp needs parameters after the payload type");
        }
    }

    /**
     * An fmtp line from a parameter map, written {@code k1=v1;k2=v2} in map order; a {@code null}
     * value writes the key alone.
     */
    public static FmtpAttribute of(int payloadType, Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        parameters.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(key);
            if (value != null) {
                text.append('=').append(value);
            }
        });
        return new FmtpAttribute(payloadType, text.toString());
    }

    /** Reads the text after {@code a=fmtp:}. */
    public static FmtpAttribute parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("fmtp must be <payload type> <parameters>");
        }
        int payloadType = SdpSyntax.parseInt(value.substring(0, space), 0, 127, "fmtp payload type");
        return new FmtpAttribute(payloadType, value.substring(space + 1));
    }

    /**
     * The parameters as an ordered map. Each {@code ;}-separated part, trimmed, is split at its
     * first {@code =}; a part without one maps to {@code null} (RED's {@code 111/111} gives
     * {@code {"111/111": null}}).
     */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                map.put(item, null);
            } else {
                map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return payloadType + " " + parameters;
    }
}
