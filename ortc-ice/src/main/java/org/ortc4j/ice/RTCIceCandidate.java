package org.ortc4j.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One ICE candidate: a transport address a peer may be reached at (W3C WebRTC §4.8.1
 * {@code RTCIceCandidate}; ORTC {@code RTCIceCandidate}; RFC 8445 §5.1). Immutable; equal
 * when every field and every extension, in order, is equal.
 *
 * <p>{@link #parse} reads, and {@link #toCandidateString()} writes, the candidate attribute of
 * RFC 8839 §5.1, which is what the W3C {@code candidate} attribute holds:
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
 *                       *(SP cand-extension)
 * foundation          = 1*32ice-char
 * component-id        = 1*3DIGIT                     ; 1..256
 * transport           = "UDP" / transport-extension  ; "TCP" from RFC 6544
 * priority            = 1*10DIGIT                    ; 0..2^32-1
 * cand-type           = "typ" SP candidate-types
 * candidate-types     = "host" / "srflx" / "prflx" / "relay" / token
 * rel-addr            = "raddr" SP connection-address
 * rel-port            = "rport" SP port
 * cand-extension      = extension-att-name SP extension-att-value
 * </pre>
 *
 * <p>What this class decides where the grammar leaves room:
 * <ul>
 *   <li>Literal keywords ({@code typ}, {@code raddr}, {@code rport}, {@code tcptype}, the
 *       transport and the type names) are case-insensitive, as ABNF quoted strings are
 *       (RFC 5234 §2.3); they are written back in lower case, as browsers write them.</li>
 *   <li>Only the transports and types the W3C enums name are accepted: transport {@code udp}
 *       or {@code tcp}, type {@code host}, {@code srflx}, {@code prflx} or {@code relay}.
 *       Anything else is a {@link CandidateParseException} naming it, so the caller can ignore
 *       the candidate line, as RFC 8839 §5.1 asks for address kinds it does not support ("An
 *       agent processing remote candidates MUST ignore candidate lines that include candidates
 *       with FQDN or IP address versions that are not supported or recognized").</li>
 *   <li>The address is kept as written and must be an IPv4 address, an IPv6 address (no zone
 *       id) or a DNS name, such as the mDNS {@code <uuid>.local} names browsers use to hide
 *       host addresses (draft-ietf-mmusic-mdns-ice-candidates).</li>
 *   <li>{@code raddr} and {@code rport} are read only where the grammar puts them, right after
 *       the type; met again among the extensions they are an error rather than a second,
 *       ambiguous value. They are not required for reflexive and relayed candidates, although
 *       RFC 8839 §5.1 says they "MUST be present" there: that binds the sender, and a receiver
 *       loses nothing by accepting a candidate without them (they are "useful for diagnostics").
 *       The privacy form {@code raddr 0.0.0.0 rport 0} is kept as written.</li>
 *   <li>{@code tcptype} (RFC 6544 §4.5) and {@code ufrag} (used by browsers for the W3C
 *       {@code usernameFragment}) are extensions with a typed accessor; they stay in
 *       {@link #extensions()} at the position they were read, so that formatting gives back the
 *       input. {@code tcptype} is an error on a UDP candidate and optional on a TCP one; either
 *       may appear once. Every other extension ({@code generation}, {@code network-id},
 *       {@code network-cost}, unknown ones) is kept as written, in order, duplicates included
 *       (RFC 8839 §5.1: "An implementation MUST ignore any name/value pairs it doesn't
 *       understand"; ignoring here means not failing, and passing them on).</li>
 *   <li>Fields are separated by one or more spaces; the input may end in CRLF or LF (an SDP line)
 *       but may hold no other control character.</li>
 * </ul>
 * There is no {@code sdpMid}/{@code sdpMLineIndex}: they tie a candidate to an SDP media section,
 * which ortc-ice knows nothing of; the peer connection adds them.
 */
public final class RTCIceCandidate {

    /** The prefix of the W3C {@code candidate} string. */
    public static final String PREFIX = "candidate:";

    private static final String SDP_PREFIX = "a=candidate:";

    static final String TCPTYPE = "tcptype";
    static final String UFRAG = "ufrag";
    private static final String RADDR = "raddr";
    private static final String RPORT = "rport";

    private static final long MAX_PRIORITY = 0xFFFF_FFFFL;

    private final String foundation;
    private final int componentId;
    private final RTCIceProtocol protocol;
    private final long priority;
    private final String address;
    private final int port;
    private final RTCIceCandidateType type;
    private final String relatedAddress;
    private final int relatedPort;
    private final List<Extension> extensions;
    private final RTCIceTcpCandidateType tcpType;
    private final String usernameFragment;

    /**
     * One {@code cand-extension} name/value pair (RFC 8839 §5.1), such as {@code generation 0}.
     *
     * @param name the extension name: no white space or control characters
     * @param value its value: no white space or control characters
     */
    public record Extension(String name, String value) {

        /**
         * @throws IllegalArgumentException if the name or value is empty or holds white space or
         *     a control character
         */
        public Extension {
            requireByteString(name, "extension name");
            requireByteString(value, "value of extension " + name);
        }

        @Override
        public String toString() {
            return name + ' ' + value;
        }
    }

    private RTCIceCandidate(String foundation, int componentId, RTCIceProtocol protocol, long priority, String address,
            int port, RTCIceCandidateType type, String relatedAddress, int relatedPort, List<Extension> extensions) {
        // RFC 8839 §5.1: foundation = 1*32ice-char
        if (foundation == null || !RTCIceParameters.isIceChars(foundation, 1, 32)) {
            throw new IllegalArgumentException("foundation must be 1 to 32 ice-chars (ALPHA / DIGIT / \"+\" / \"/\"), not "
                    + quote(foundation));
        }
        // RFC 8839 §5.1: "<component-id>: is a positive integer between 1 and 256"
        if (componentId < 1 || componentId > 256) {
            throw new IllegalArgumentException("component id " + componentId + " is outside 1..256");
        }
        Objects.requireNonNull(protocol, "protocol");
        // RFC 8839 §5.1: "priority: is a positive integer between 1 and (2**31 - 1) inclusive",
        // but its grammar is 1*10DIGIT and a STUN PRIORITY attribute (RFC 8445 §16.1) carries
        // 32 bits; the receiver accepts anything that fits in 32 bits, 0 included.
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority " + priority + " is outside 0..4294967295");
        }
        requireAddress(address, "address");
        requirePort(port, "port");
        Objects.requireNonNull(type, "type");
        if (relatedAddress != null) {
            requireAddress(relatedAddress, "related address");
        }
        if (relatedPort != -1) {
            requirePort(relatedPort, "related port");
        }
        this.foundation = foundation;
        this.componentId = componentId;
        this.protocol = protocol;
        this.priority = priority;
        this.address = address;
        this.port = port;
        this.type = type;
        this.relatedAddress = relatedAddress;
        this.relatedPort = relatedPort;
        this.extensions = List.copyOf(extensions);

        RTCIceTcpCandidateType tcp = null;
        String ufrag = null;
        for (Extension extension : this.extensions) {
            switch (extension.name()) {
                case RADDR, RPORT -> throw new IllegalArgumentException("\"" + extension.name()
                        + "\" must come right after the candidate type (RFC 8839 §5.1), not among the extensions");
                case TCPTYPE -> {
                    if (tcp != null) {
                        throw new IllegalArgumentException("tcptype appears twice");
                    }
                    // RFC 6544 §4.5: tcp-type = "active" / "passive" / "so"; extensions are
                    // stored as written, so the value is matched exactly here and lower-cased
                    // by parse.
                    tcp = tcpTypeOf(extension.value());
                }
                case UFRAG -> {
                    if (ufrag != null) {
                        throw new IllegalArgumentException("ufrag appears twice");
                    }
                    if (!RTCIceParameters.isIceChars(extension.value(), 1, 256)) {
                        throw new IllegalArgumentException("ufrag must be 1 to 256 ice-chars, not "
                                + quote(extension.value()));
                    }
                    ufrag = extension.value();
                }
                default -> {
                    // kept as it is
                }
            }
        }
        // RFC 6544 §4.5: "tcptype" describes TCP candidates; W3C §4.8.1: tcpType is null unless
        // the protocol is tcp.
        if (tcp != null && protocol != RTCIceProtocol.TCP) {
            throw new IllegalArgumentException("tcptype " + tcp + " on a " + protocol + " candidate; only tcp candidates have one");
        }
        this.tcpType = tcp;
        this.usernameFragment = ufrag;
    }

    /**
     * Parses a candidate attribute: the W3C {@code candidate} string ({@code candidate:...}) or
     * the SDP line ({@code a=candidate:...}, with or without its line ending).
     *
     * @param text the candidate, for example
     *     {@code "candidate:1 1 udp 2130706431 192.0.2.1 54400 typ host generation 0"}
     * @return the candidate
     * @throws CandidateParseException if {@code text} is not a candidate attribute this class
     *     accepts (see the class comment); the message quotes the input and names the problem
     * @throws NullPointerException if {@code text} is null
     */
    public static RTCIceCandidate parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return parseOrThrowIllegalArgument(text);
        } catch (CandidateParseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CandidateParseException("not an ICE candidate: " + abbreviate(text) + ": " + e.getMessage(), e);
        }
    }

    private static RTCIceCandidate parseOrThrowIllegalArgument(String text) {
        String body = text;
        if (body.endsWith("\r\n")) {
            body = body.substring(0, body.length() - 2);
        } else if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.startsWith(SDP_PREFIX)) {
            body = body.substring(SDP_PREFIX.length());
        } else if (body.startsWith(PREFIX)) {
            body = body.substring(PREFIX.length());
        } else {
            throw new IllegalArgumentException("it does not start with \"candidate:\" or \"a=candidate:\"");
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("control character " + String.format("U+%04X", (int) c)
                        + " at index " + i + " of the value");
            }
        }
        List<String> f = fields(body);
        if (f.size() < 8) {
            throw new IllegalArgumentException("a candidate needs foundation, component-id, transport, priority, "
                    + "connection-address, port, \"typ\" and a type; found " + f.size() + " field"
                    + (f.size() == 1 ? "" : "s"));
        }
        String foundation = f.get(0);
        int componentId = (int) parseNumber(f.get(1), 3, 1, 256, "component-id");
        RTCIceProtocol protocol = switch (f.get(2).toLowerCase(Locale.ROOT)) {
            case "udp" -> RTCIceProtocol.UDP;
            case "tcp" -> RTCIceProtocol.TCP;
            default -> throw new IllegalArgumentException("transport " + quote(f.get(2))
                    + " is not supported; expected udp or tcp");
        };
        long priority = parseNumber(f.get(3), 10, 0, MAX_PRIORITY, "priority");
        String address = f.get(4);
        int port = (int) parseNumber(f.get(5), 5, 0, 65535, "port");
        if (!f.get(6).equalsIgnoreCase("typ")) {
            throw new IllegalArgumentException("expected \"typ\" after the port, found " + quote(f.get(6)));
        }
        RTCIceCandidateType type = switch (f.get(7).toLowerCase(Locale.ROOT)) {
            case "host" -> RTCIceCandidateType.HOST;
            case "srflx" -> RTCIceCandidateType.SRFLX;
            case "prflx" -> RTCIceCandidateType.PRFLX;
            case "relay" -> RTCIceCandidateType.RELAY;
            default -> throw new IllegalArgumentException("candidate type " + quote(f.get(7))
                    + " is not supported; expected host, srflx, prflx or relay");
        };
        int i = 8;
        String relatedAddress = null;
        int relatedPort = -1;
        // RFC 8839 §5.1: cand-type [SP rel-addr] [SP rel-port]
        if (i < f.size() && f.get(i).equalsIgnoreCase(RADDR)) {
            if (i + 1 >= f.size()) {
                throw new IllegalArgumentException("\"raddr\" has no address after it");
            }
            relatedAddress = f.get(i + 1);
            i += 2;
        }
        if (i < f.size() && f.get(i).equalsIgnoreCase(RPORT)) {
            if (i + 1 >= f.size()) {
                throw new IllegalArgumentException("\"rport\" has no port after it");
            }
            relatedPort = (int) parseNumber(f.get(i + 1), 5, 0, 65535, "rport");
            i += 2;
        }
        if ((f.size() - i) % 2 != 0) {
            throw new IllegalArgumentException("extension " + quote(f.get(f.size() - 1)) + " has no value");
        }
        List<Extension> extensions = new ArrayList<>((f.size() - i) / 2);
        for (; i < f.size(); i += 2) {
            String name = f.get(i);
            String value = f.get(i + 1);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(TCPTYPE)) {
                name = TCPTYPE;
                value = value.toLowerCase(Locale.ROOT);
            } else if (lower.equals(RADDR) || lower.equals(RPORT)) {
                name = lower;
            }
            extensions.add(new Extension(name, value));
        }
        return new RTCIceCandidate(foundation, componentId, protocol, priority, address, port, type,
                relatedAddress, relatedPort, extensions);
    }

    /**
     * The candidate priority of RFC 8445 §5.1.2.1:
     * "priority = (2^24)*(type preference) + (2^8)*(local preference) + (2^0)*(256 - component ID)".
     *
     * @param typePreference 0 to 126 (RFC 8445 §5.1.2.1: "The type preference MUST be an integer
     *     from 0 (lowest preference) to 126 (highest preference)"); see
     *     {@link RTCIceCandidateType#recommendedTypePreference()}
     * @param localPreference 0 to 65535 ("The local preference MUST be an integer from 0 (lowest
     *     preference) to 65535 (highest preference)"); 65535 for an agent with one address
     * @param componentId 1 to 256
     * @return the priority, 0 to 2^31-1
     * @throws IllegalArgumentException if an argument is out of its range
     */
    public static long computePriority(int typePreference, int localPreference, int componentId) {
        if (typePreference < 0 || typePreference > 126) {
            throw new IllegalArgumentException("type preference " + typePreference + " is outside 0..126");
        }
        if (localPreference < 0 || localPreference > 65535) {
            throw new IllegalArgumentException("local preference " + localPreference + " is outside 0..65535");
        }
        if (componentId < 1 || componentId > 256) {
            throw new IllegalArgumentException("component id " + componentId + " is outside 1..256");
        }
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    /** A builder for a local candidate. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder that starts with this candidate's fields and extensions. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.foundation = foundation;
        builder.componentId = componentId;
        builder.protocol = protocol;
        builder.priority = priority;
        builder.address = address;
        builder.port = port;
        builder.type = type;
        builder.relatedAddress = relatedAddress;
        builder.relatedPort = relatedPort == -1 ? null : relatedPort;
        builder.extensions.addAll(extensions);
        return builder;
    }

    /**
     * The W3C {@code candidate} string: the RFC 8839 §5.1 candidate attribute with the
     * {@code candidate:} prefix and without {@code a=}. Related address and port come right after
     * the type, then the extensions in order. {@code parse(c.toCandidateString())} equals {@code c}.
     */
    public String toCandidateString() {
        StringBuilder text = new StringBuilder(128).append(PREFIX)
                .append(foundation).append(' ')
                .append(componentId).append(' ')
                .append(protocol.value()).append(' ')
                .append(priority).append(' ')
                .append(address).append(' ')
                .append(port).append(" typ ")
                .append(type.value());
        if (relatedAddress != null) {
            text.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort != -1) {
            text.append(" rport ").append(relatedPort);
        }
        for (Extension extension : extensions) {
            text.append(' ').append(extension.name()).append(' ').append(extension.value());
        }
        return text.toString();
    }

    /** The SDP line {@code a=candidate:...}, without a line ending. */
    public String toSdpAttribute() {
        return "a=" + toCandidateString();
    }

    /** W3C {@code foundation}: 1 to 32 ice-chars, equal for candidates of the same kind (RFC 8445 §5.1.1.3). */
    public String foundation() {
        return foundation;
    }

    /**
     * W3C {@code component}: {@link RTCIceComponent#RTP} for component id 1,
     * {@link RTCIceComponent#RTCP} for 2, {@code null} for the others (see {@link #componentId()}).
     */
    public RTCIceComponent component() {
        return RTCIceComponent.fromId(componentId);
    }

    /** The RFC 8445 component id, 1 to 256. */
    public int componentId() {
        return componentId;
    }

    /** W3C {@code priority}: 0 to 2^32-1. */
    public long priority() {
        return priority;
    }

    /** W3C {@code address}: an IPv4 or IPv6 address, or a DNS name such as an mDNS {@code .local} name, as written. */
    public String address() {
        return address;
    }

    /** Whether {@link #address()} is a multicast DNS name, one that ends in {@code .local} (RFC 6762 §3). */
    public boolean isMdnsAddress() {
        return address.regionMatches(true, address.length() - 6, ".local", 0, 6) && !isIpLiteral(address);
    }

    /** W3C {@code protocol}. */
    public RTCIceProtocol protocol() {
        return protocol;
    }

    /** W3C {@code port}: 0 to 65535 (0 and 9 appear for TCP active candidates, RFC 6544 §4.5). */
    public int port() {
        return port;
    }

    /** W3C {@code type}. */
    public RTCIceCandidateType type() {
        return type;
    }

    /** W3C {@code tcpType}: from the {@code tcptype} extension; {@code null} for UDP and when absent. */
    public RTCIceTcpCandidateType tcpType() {
        return tcpType;
    }

    /** W3C {@code relatedAddress}: {@code raddr}, or {@code null}. */
    public String relatedAddress() {
        return relatedAddress;
    }

    /** W3C {@code relatedPort}: {@code rport}, or {@code null}. */
    public Integer relatedPort() {
        return relatedPort == -1 ? null : relatedPort;
    }

    /** W3C {@code usernameFragment}: the {@code ufrag} extension, or {@code null}. */
    public String usernameFragment() {
        return usernameFragment;
    }

    /**
     * Every {@code cand-extension} after {@code raddr}/{@code rport}, in the order read or set,
     * including {@code tcptype} and {@code ufrag}.
     */
    public List<Extension> extensions() {
        return extensions;
    }

    /** The value of the first extension called {@code name} (case-sensitive), or {@code null}. */
    public String extension(String name) {
        for (Extension extension : extensions) {
            if (extension.name().equals(name)) {
                return extension.value();
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RTCIceCandidate c
                && componentId == c.componentId
                && priority == c.priority
                && port == c.port
                && relatedPort == c.relatedPort
                && foundation.equals(c.foundation)
                && protocol == c.protocol
                && address.equals(c.address)
                && type == c.type
                && Objects.equals(relatedAddress, c.relatedAddress)
                && extensions.equals(c.extensions));
    }

    @Override
    public int hashCode() {
        return Objects.hash(foundation, componentId, protocol, priority, address, port, type, relatedAddress,
                relatedPort, extensions);
    }

    /** {@link #toCandidateString()}. */
    @Override
    public String toString() {
        return toCandidateString();
    }

    private static RTCIceTcpCandidateType tcpTypeOf(String value) {
        for (RTCIceTcpCandidateType t : RTCIceTcpCandidateType.values()) {
            if (t.value().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tcptype " + quote(value) + " is not active, passive or so (RFC 6544 §4.5)");
    }

    private static List<String> fields(String body) {
        List<String> fields = new ArrayList<>(16);
        int i = 0;
        int n = body.length();
        while (i < n) {
            while (i < n && body.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && body.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                fields.add(body.substring(start, i));
            }
        }
        return fields;
    }

    private static long parseNumber(String text, int maxDigits, long min, long max, String what) {
        if (text.isEmpty() || text.length() > maxDigits) {
            throw new IllegalArgumentException(what + " " + quote(text) + " must be 1 to " + maxDigits + " digits");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " " + quote(text) + " is not a decimal number");
            }
            value = value * 10 + (c - '0');
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static void requirePort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is outside 0..65535");
        }
    }

    /**
     * RFC 8839 §5.1: connection-address as RFC 8866 defines it, restricted to what ICE can use:
     * an IPv4 address, an IPv6 address, or a DNS name (RFC 1123 §2.1 host name syntax, with the
     * underscore some mDNS implementations use).
     */
    private static void requireAddress(String address, String what) {
        if (address == null) {
            throw new NullPointerException(what);
        }
        if (!isIpLiteral(address) && !isDnsName(address)) {
            throw new IllegalArgumentException(what + " " + quote(address)
                    + " is not an IPv4 address, an IPv6 address or a DNS name");
        }
    }

    private static boolean isIpLiteral(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    /** Dotted-quad IPv4, each part 0..255 without leading zeros. */
    static boolean isIpv4(String text) {
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == n) {
                return parts == 4;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /** RFC 4291 §2.2 text forms: eight groups, "::" once, an IPv4 tail allowed. */
    static boolean isIpv6(String text) {
        if (text.length() < 2 || text.length() > 45 || text.indexOf(':') < 0) {
            return false;
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return countGroups(text, true) == 8;
        }
        int head = gap == 0 ? 0 : countGroups(text.substring(0, gap), false);
        String tailText = text.substring(gap + 2);
        int tail = tailText.isEmpty() ? 0 : countGroups(tailText, true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /** Groups in a colon-separated run of 1-4 hex digit groups (an IPv4 tail counts 2), or -1. */
    private static int countGroups(String part, boolean ipv4Tail) {
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (ipv4Tail && g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return -1;
                }
                count += 2;
                continue;
            }
            if (group.isEmpty() || group.length() > 4) {
                return -1;
            }
            for (int i = 0; i < group.length(); i++) {
                if (Character.digit(group.charAt(i), 16) < 0 || group.charAt(i) > 'f') {
                    return -1;
                }
            }
            count++;
        }
        return count;
    }

    /** Labels of 1..63 letters, digits, '-' and '_', not starting or ending in '-'; at most 253 chars; not all digits. */
    private static boolean isDnsName(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return false;
        }
        boolean letter = false;
        int labelStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length < 1 || length > 63 || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_') {
                letter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter;
    }

    // RFC 8839 §5.1: extension-att-name and extension-att-value are byte-strings (RFC 8866 §9:
    // any byte but NUL, CR and LF); SP separates them, so neither may hold one.
    private static void requireByteString(String text, String what) {
        if (text == null) {
            throw new NullPointerException(what);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7F || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException(what + " " + quote(text) + " holds white space or a control character");
            }
        }
    }

    private static String quote(String text) {
        return text == null ? "null" : '"' + abbreviate(text, 64) + '"';
    }

    private static String abbreviate(String text) {
        return '"' + abbreviate(text, 200) + '"';
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /**
     * Builds a local {@link RTCIceCandidate}. Foundation, address, port and type are required;
     * the component defaults to RTP, the protocol to UDP, and the priority to
     * {@link #computePriority} of the type's recommended preference, local preference 65535 and
     * the component id. Not thread-safe; may be reused.
     */
    public static final class Builder {

        private String foundation;
        private int componentId = 1;
        private RTCIceProtocol protocol = RTCIceProtocol.UDP;
        private Long priority;
        private String address;
        private Integer port;
        private RTCIceCandidateType type;
        private String relatedAddress;
        private Integer relatedPort;
        private final List<Extension> extensions = new ArrayList<>();

        private Builder() {
        }

        /** Sets the foundation, 1 to 32 ice-chars. */
        public Builder foundation(String foundation) {
            this.foundation = foundation;
            return this;
        }

        /** Sets the component (id 1 or 2). */
        public Builder component(RTCIceComponent component) {
            this.componentId = Objects.requireNonNull(component, "component").id();
            return this;
        }

        /** Sets the component id, 1 to 256. */
        public Builder componentId(int componentId) {
            this.componentId = componentId;
            return this;
        }

        /** Sets the protocol. */
        public Builder protocol(RTCIceProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Sets the priority, 0 to 2^32-1; unset, it is computed (see the class comment). */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /** Clears a priority set before, so that {@link #build()} computes it. */
        public Builder computedPriority() {
            this.priority = null;
            return this;
        }

        /** Sets the address: an IP address or a DNS name. */
        public Builder address(String address) {
            this.address = address;
            return this;
        }

        /** Sets the port, 0 to 65535. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Sets the candidate type. */
        public Builder type(RTCIceCandidateType type) {
            this.type = type;
            return this;
        }

        /** Sets the TCP type (the {@code tcptype} extension), or removes it if {@code null}. */
        public Builder tcpType(RTCIceTcpCandidateType tcpType) {
            return setExtension(TCPTYPE, tcpType == null ? null : tcpType.value());
        }

        /** Sets the related address ({@code raddr}), or {@code null} for none. */
        public Builder relatedAddress(String relatedAddress) {
            this.relatedAddress = relatedAddress;
            return this;
        }

        /** Sets the related port ({@code rport}), or {@code null} for none. */
        public Builder relatedPort(Integer relatedPort) {
            this.relatedPort = relatedPort;
            return this;
        }

        /** Sets the username fragment (the {@code ufrag} extension), or removes it if {@code null}. */
        public Builder usernameFragment(String usernameFragment) {
            return setExtension(UFRAG, usernameFragment);
        }

        /** Appends an extension, such as {@code generation 0}. */
        public Builder extension(String name, String value) {
            extensions.add(new Extension(name, value));
            return this;
        }

        /** Replaces the value of the first extension called {@code name}, appends it if absent, removes it if {@code value} is null. */
        private Builder setExtension(String name, String value) {
            for (int i = 0; i < extensions.size(); i++) {
                if (extensions.get(i).name().equals(name)) {
                    if (value == null) {
                        extensions.remove(i);
                    } else {
                        extensions.set(i, new Extension(name, value));
                    }
                    return this;
                }
            }
            if (value != null) {
                extensions.add(new Extension(name, value));
            }
            return this;
        }

        /**
         * The candidate.
         *
         * @throws IllegalArgumentException if a field is missing or out of range
         * @throws NullPointerException if the protocol or type is null
         */
        public RTCIceCandidate build() {
            if (port == null) {
                throw new IllegalArgumentException("port is not set");
            }
            Objects.requireNonNull(type, "type");
            long p;
            if (priority != null) {
                p = priority;
            } else {
                if (componentId < 1 || componentId > 256) {
                    throw new IllegalArgumentException("component id " + componentId + " is outside 1..256");
                }
                p = computePriority(type.recommendedTypePreference(), 65535, componentId);
            }
            if (relatedPort != null) {
                requirePort(relatedPort, "related port");
            }
            return new RTCIceCandidate(foundation, componentId, protocol, p, address, port, type, relatedAddress,
                    relatedPort == null ? -1 : relatedPort, extensions);
        }
    }
}
