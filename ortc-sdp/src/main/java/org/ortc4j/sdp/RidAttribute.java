package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=rid:<id> <send|recv> [pt=<fmt>,...;][<restriction>;...]}: an RTP stream identifier
 * with its payload types and restrictions (RFC 8851 §10), used for simulcast.
 *
 * @param id the rid, 1 or more of ALPHA / DIGIT / "-" / "_"
 * @param direction whether the stream is sent or received by the endpoint writing it
 * @param payloadTypes the {@code pt=} list, empty when absent
 * @param restrictions the other parameters, such as {@code max-width}, in order; a parameter
 *     without {@code =} maps to {@code null}
 */
public record RidAttribute(String id, RidDirection direction, List<Integer> payloadTypes,
        Map<String, String> restrictions) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rid";

    public RidAttribute {
        requireRidId(id);
        if (direction == null) {
            throw new IllegalArgumentException("rid direction is missing");
        }
        payloadTypes = List.copyOf(payloadTypes);
        payloadTypes.forEach(RtpMapAttribute::checkPayloadType);
        Map<String, String> copy = new LinkedHashMap<>();
        restrictions.forEach((key, value) -> {
            requireParamName(key);
            if (value != null && (value.indexOf(';') >= 0 || value.indexOf(' ') >= 0)) {
                throw new IllegalArgumentException("rid parameter value " + SdpSyntax.quote(value)
                        + " contains ';' or a space");
            }
            copy.put(key, value);
        });
        restrictions = Collections.unmodifiableMap(copy);
    }

    /** {@code a=rid:<id> <direction>} with no payload types and no restrictions. */
    public RidAttribute(String id, RidDirection direction) {
        this(id, direction, List.of(), Map.of());
    }

    // RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_")
    static String requireRidId(String id) {
        if (id == null || id.isEmpty() || id.length() > 255) {
            throw new IllegalArgumentException("rid id must be 1 to 255 characters: " + SdpSyntax.quote(id));
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAlphaNumeric(c) && c != '-' && c != '_') {
                throw new IllegalArgumentException("rid id has a character outside ALPHA / DIGIT / - / _: "
                        + SdpSyntax.quote(id));
            }
        }
        return id;
    }

    // RFC 8851 §10: rid-param = 1*(alpha-numeric / "-") [ "=" param-val ]
    private static void requireParamName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("rid parameter name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlphaNumeric(c) && c != '-') {
                throw new IllegalArgumentException("rid parameter name has a character outside ALPHA / DIGIT / -: "
                        + SdpSyntax.quote(name));
            }
        }
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Reads the text after {@code a=rid:}. */
    public static RidAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() < 2 || fields.size() > 3) {
            throw new IllegalArgumentException("rid must be <id> <send|recv> [<parameters>]");
        }
        RidDirection direction = RidDirection.fromValue(fields.get(1));
        if (direction == null) {
            throw new IllegalArgumentException("rid direction must be send or recv, not " + SdpSyntax.quote(fields.get(1)));
        }
        List<Integer> payloadTypes = new ArrayList<>();
        Map<String, String> restrictions = new LinkedHashMap<>();
        if (fields.size() == 3) {
            String[] params = fields.get(2).split(";", -1);
            for (int i = 0; i < params.length; i++) {
                String param = params[i];
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String val = eq < 0 ? null : param.substring(eq + 1);
                if (i == 0 && "pt".equals(key)) {
                    if (val == null || val.isEmpty()) {
                        throw new IllegalArgumentException("rid pt= list is empty");
                    }
                    for (String pt : val.split(",", -1)) {
                        payloadTypes.add(SdpSyntax.parseInt(pt, 0, 127, "rid payload type"));
                    }
                } else if (restrictions.containsKey(key)) {
                    throw new IllegalArgumentException("rid parameter " + SdpSyntax.quote(key) + " appears twice");
                } else {
                    restrictions.put(key, val);
                }
            }
        }
        return new RidAttribute(fields.get(0), direction, payloadTypes, restrictions);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder(id).append(' ').append(direction.value());
        char separator = ' ';
        if (!payloadTypes.isEmpty()) {
            text.append(separator).append("pt=");
            for (int i = 0; i < payloadTypes.size(); i++) {
                text.append(i == 0 ? "" : ",").append(payloadTypes.get(i));
            }
            separator = ';';
        }
        for (Map.Entry<String, String> restriction : restrictions.entrySet()) {
            text.append(separator).append(restriction.getKey());
            if (restriction.getValue() != null) {
                text.append('=').append(restriction.getValue());
            }
            separator = ';';
        }
        return text.toString();
    }
}
