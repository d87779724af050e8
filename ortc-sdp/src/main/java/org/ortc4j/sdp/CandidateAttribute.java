package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=candidate:...}: one ICE candidate (RFC 8839 §5.1).
 *
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
 *                       *(SP cand-extension)
 * </pre>
 *
 * <p>What follows {@code typ <type>} is kept as an ordered list of name/value pairs, so that
 * {@code raddr}, {@code rport}, {@code tcptype} (RFC 6544) and the extensions browsers add
 * ({@code generation}, {@code ufrag}, {@code network-id}, {@code network-cost}) come back in the
 * order they were read.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component the component id, 1 for RTP (and 2 for RTCP without rtcp-mux)
 * @param transport the transport as written, {@code udp}/{@code UDP} or {@code tcp}
 * @param priority the candidate priority, 0..2^32-1
 * @param address the IP address, or an mDNS {@code .local} name
 * @param port the port, 0..65535
 * @param type the candidate type: {@code host}, {@code srflx}, {@code prflx} or {@code relay}
 * @param extensions the name/value pairs after the type, in order
 */
public record CandidateAttribute(String foundation, int component, String transport, long priority,
        String address, int port, String type, List<Extension> extensions) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "candidate";

    /**
     * One name/value pair after the candidate type.
     *
     * @param name the extension name, such as {@code raddr} or {@code generation}
     * @param value its value
     */
    public record Extension(String name, String value) {
        public Extension {
            SdpSyntax.requireNonWs(name, "candidate extension name");
            SdpSyntax.requireNonWs(value, "candidate extension value for " + name);
        }
    }

    public CandidateAttribute {
        requireFoundation(foundation);
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("candidate component " + component + " is out of range 1..256");
        }
        SdpSyntax.requireToken(transport, "candidate transport");
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("candidate priority " + priority + " is out of range 0..4294967295");
        }
        SdpSyntax.requireNonWs(address, "candidate address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("candidate port " + port + " is out of range 0..65535");
        }
        SdpSyntax.requireToken(type, "candidate type");
        extensions = List.copyOf(extensions);
    }

    // RFC 8839 §5.1: foundation = 1*32ice-char; ice-char = ALPHA / DIGIT / "+" / "/"
    private static void requireFoundation(String foundation) {
        if (foundation == null || foundation.isEmpty() || foundation.length() > 32) {
            throw new IllegalArgumentException("candidate foundation must be 1 to 32 characters: "
                    + SdpSyntax.quote(foundation));
        }
        for (int i = 0; i < foundation.length(); i++) {
            char c = foundation.charAt(i);
            boolean iceChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (!iceChar) {
                throw new IllegalArgumentException("candidate foundation has a character outside ALPHA / DIGIT / + / /: "
                        + SdpSyntax.quote(foundation));
            }
        }
    }

    /**
     * Reads the text after {@code a=candidate:}; a trickled candidate string
     * ({@code candidate:...}, as W3C {@code RTCIceCandidate.candidate} holds it) is read without
     * its {@code candidate:} prefix.
     */
    public static CandidateAttribute parse(String value) {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 8) {
            throw new IllegalArgumentException("candidate needs foundation, component, transport, priority, "
                    + "address, port, typ and type; found " + f.size() + " fields");
        }
        if (!"typ".equals(f.get(6))) {
            throw new IllegalArgumentException("candidate has " + SdpSyntax.quote(f.get(6)) + " where \"typ\" belongs");
        }
        if ((f.size() - 8) % 2 != 0) {
            throw new IllegalArgumentException("candidate extension " + SdpSyntax.quote(f.get(f.size() - 1))
                    + " has no value");
        }
        List<Extension> extensions = new ArrayList<>((f.size() - 8) / 2);
        for (int i = 8; i < f.size(); i += 2) {
            extensions.add(new Extension(f.get(i), f.get(i + 1)));
        }
        return new CandidateAttribute(
                f.get(0),
                SdpSyntax.parseInt(f.get(1), 1, 256, "candidate component"),
                f.get(2),
                SdpSyntax.parseLong(f.get(3), 0, 0xFFFF_FFFFL, "candidate priority"),
                f.get(4),
                SdpSyntax.parseInt(f.get(5), 0, 65535, "candidate port"),
                f.get(7),
                extensions);
    }

    /** The value of the first extension called {@code name}, or {@code null}. */
    public String extension(String name) {
        for (Extension extension : extensions) {
            if (extension.name().equals(name)) {
                return extension.value();
            }
        }
        return null;
    }

    /** {@code raddr}: the related address of a reflexive or relayed candidate, or {@code null}. */
    public String relatedAddress() {
        return extension("raddr");
    }

    /**
     * {@code rport}: the related port, or {@code null}.
     *
     * @throws IllegalArgumentException if the rport is present but not a port number
     */
    public Integer relatedPort() {
        String rport = extension("rport");
        return rport == null ? null : SdpSyntax.parseInt(rport, 0, 65535, "candidate rport");
    }

    /** {@code tcptype} (RFC 6544 §4.5): {@code active}, {@code passive} or {@code so}, or {@code null}. */
    public String tcpType() {
        return extension("tcptype");
    }

    /** Whether the transport is UDP (RFC 8839 compares it case-insensitively). */
    public boolean isUdp() {
        return transport.equalsIgnoreCase("udp");
    }

    /** A copy with the extension {@code name} set to {@code value}, added at the end if absent. */
    public CandidateAttribute withExtension(String name, String value) {
        Objects.requireNonNull(value, "value");
        List<Extension> out = new ArrayList<>(extensions.size() + 1);
        boolean replaced = false;
        for (Extension extension : extensions) {
            if (!replaced && extension.name().equals(name)) {
                out.add(new Extension(name, value));
                replaced = true;
            } else {
                out.add(extension);
            }
        }
        if (!replaced) {
            out.add(new Extension(name, value));
        }
        return new CandidateAttribute(foundation, component, transport, priority, address, port, type, out);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder(96)
                .append(foundation).append(' ')
                .append(component).append(' ')
                .append(transport).append(' ')
                .append(priority).append(' ')
                .append(address).append(' ')
                .append(port).append(" typ ")
                .append(type);
        for (Extension extension : extensions) {
            text.append(' ').append(extension.name()).append(' ').append(extension.value());
        }
        return text.toString();
    }
}
