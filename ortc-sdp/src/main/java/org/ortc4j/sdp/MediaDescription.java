package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * One media section: an {@code m=} line and the {@code i=}, {@code c=}, {@code b=}, {@code k=}
 * and {@code a=} lines under it (RFC 8866 §5.14). In WebRTC each section is one transceiver or
 * the data channel association (JSEP RFC 9429 §5.2).
 *
 * @param media the media type: {@code audio}, {@code video}, {@code application}, ...
 * @param port the transport port; 0 rejects the section unless it is bundle-only
 * @param numberOfPorts the {@code /<n>} after the port, or {@code null} when absent
 * @param protocol the transport protocol, such as {@code UDP/TLS/RTP/SAVPF} or
 *     {@code UDP/DTLS/SCTP}
 * @param formats the media formats: RTP payload types, or {@code webrtc-datachannel}
 * @param information the {@code i=} line, or {@code null}
 * @param connections the {@code c=} lines
 * @param bandwidths the {@code b=} lines
 * @param encryptionKey the obsolete {@code k=} line, or {@code null}
 * @param unknownLines lines with undefined type letters, kept verbatim
 * @param attributes the {@code a=} lines, in order
 */
public record MediaDescription(String media, int port, Integer numberOfPorts, String protocol, List<String> formats,
        String information, List<ConnectionData> connections, List<Bandwidth> bandwidths, String encryptionKey,
        List<UnknownLine> unknownLines, List<SdpAttribute> attributes) implements SdpSection {

    public MediaDescription {
        SdpSyntax.requireToken(media, "media type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("media port " + port + " is out of range 0..65535");
        }
        if (numberOfPorts != null && numberOfPorts < 1) {
            throw new IllegalArgumentException("number of ports must be positive, not " + numberOfPorts);
        }
        SdpSyntax.requireProto(protocol, "media protocol");
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("m= needs at least one format");
        }
        for (String format : formats) {
            SdpSyntax.requireToken(format, "media format");
        }
        connections = List.copyOf(connections);
        bandwidths = List.copyOf(bandwidths);
        unknownLines = List.copyOf(unknownLines);
        attributes = List.copyOf(attributes);
    }

    /** A builder for a section with this {@code m=} line and nothing under it. */
    public static Builder builder(String media, int port, String protocol, List<String> formats) {
        return new Builder(media, port, protocol, formats);
    }

    /** A builder holding everything in this section, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder(media, port, protocol, formats);
        builder.numberOfPorts = numberOfPorts;
        builder.information = information;
        builder.connections.addAll(connections);
        builder.bandwidths.addAll(bandwidths);
        builder.encryptionKey = encryptionKey;
        builder.unknownLines.addAll(unknownLines);
        builder.attributes.addAll(attributes);
        return builder;
    }

    /** The value of the {@code m=} line. */
    public String mediaLine() {
        StringBuilder text = new StringBuilder(media).append(' ').append(port);
        if (numberOfPorts != null) {
            text.append('/').append(numberOfPorts);
        }
        text.append(' ').append(protocol);
        for (String format : formats) {
            text.append(' ').append(format);
        }
        return text.toString();
    }

    /** The first {@code c=} line, if any. */
    public Optional<ConnectionData> connection() {
        return connections.isEmpty() ? Optional.empty() : Optional.of(connections.get(0));
    }

    /** {@code a=mid}, if present. */
    public Optional<String> mid() {
        return attribute(MidAttribute.class).map(MidAttribute::mid);
    }

    /** Whether the protocol carries RTP ({@code RTP/AVP}, {@code UDP/TLS/RTP/SAVPF}, ...). */
    public boolean isRtp() {
        return protocol.contains("RTP/");
    }

    /** Whether the protocol is SCTP over DTLS (RFC 8841 or the legacy {@code DTLS/SCTP}). */
    public boolean isSctp() {
        return protocol.endsWith("DTLS/SCTP");
    }

    /**
     * The formats as RTP payload types.
     *
     * @throws IllegalStateException if a format is not a payload type number
     */
    public List<Integer> payloadTypes() {
        List<Integer> out = new ArrayList<>(formats.size());
        for (String format : formats) {
            try {
                out.add(SdpSyntax.parseInt(format, 0, 127, "payload type"));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("format " + format + " of m=" + media + " is not an RTP payload type", e);
            }
        }
        return out;
    }

    /**
     * Whether the section is rejected: port 0 without {@code a=bundle-only} (RFC 3264 §6,
     * RFC 8843 §7.3.3).
     */
    public boolean isRejected() {
        return port == 0 && !has(PropertyAttribute.BUNDLE_ONLY);
    }

    /** Every {@code a=rtpmap}. */
    public List<RtpMapAttribute> rtpMaps() {
        return attributes(RtpMapAttribute.class);
    }

    /** The {@code a=rtpmap} of {@code payloadType}, if present. */
    public Optional<RtpMapAttribute> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
    }

    /** The {@code a=fmtp} of {@code payloadType}, if present. */
    public Optional<FmtpAttribute> fmtp(int payloadType) {
        return attributes(FmtpAttribute.class).stream().filter(f -> f.payloadType() == payloadType).findFirst();
    }

    /** The {@code a=rtcp-fb} lines that apply to {@code payloadType}, wildcard lines included. */
    public List<RtcpFbAttribute> rtcpFeedback(int payloadType) {
        return attributes(RtcpFbAttribute.class).stream()
                .filter(fb -> fb.isWildcard() || fb.payloadType() == payloadType)
                .toList();
    }

    /** Every {@code a=candidate}. */
    public List<CandidateAttribute> candidates() {
        return attributes(CandidateAttribute.class);
    }

    /** Every {@code a=ssrc}. */
    public List<SsrcAttribute> ssrcs() {
        return attributes(SsrcAttribute.class);
    }

    /** Every {@code a=rid}. */
    public List<RidAttribute> rids() {
        return attributes(RidAttribute.class);
    }

    /** {@code a=simulcast}, if present. */
    public Optional<SimulcastAttribute> simulcast() {
        return attribute(SimulcastAttribute.class);
    }

    /** Every {@code a=msid}. */
    public List<MsidAttribute> msids() {
        return attributes(MsidAttribute.class);
    }

    /** Whether {@code a=rtcp-mux} is present. */
    public boolean rtcpMux() {
        return has(PropertyAttribute.RTCP_MUX);
    }

    /** Whether {@code a=rtcp-rsize} is present. */
    public boolean rtcpRsize() {
        return has(PropertyAttribute.RTCP_RSIZE);
    }

    /** Whether {@code a=end-of-candidates} is present. */
    public boolean endOfCandidates() {
        return has(PropertyAttribute.END_OF_CANDIDATES);
    }

    /**
     * The SCTP port of a data channel section: {@code a=sctp-port}, or the legacy
     * {@code a=sctpmap} port.
     */
    public Optional<Integer> sctpPort() {
        Optional<Integer> port = attribute(SctpPortAttribute.class).map(SctpPortAttribute::port);
        return port.isPresent() ? port : attribute(SctpmapAttribute.class).map(SctpmapAttribute::number);
    }

    /** {@code a=max-message-size}, if present. */
    public Optional<Long> maxMessageSize() {
        return attribute(MaxMessageSizeAttribute.class).map(MaxMessageSizeAttribute::size);
    }

    /** Builds a {@link MediaDescription}; lists keep the order things are added in. */
    public static final class Builder {
        private final String media;
        private int port;
        private Integer numberOfPorts;
        private final String protocol;
        private final List<String> formats;
        private String information;
        private final List<ConnectionData> connections = new ArrayList<>();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private String encryptionKey;
        private final List<UnknownLine> unknownLines = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String protocol, List<String> formats) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
            this.formats = List.copyOf(formats);
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder numberOfPorts(Integer numberOfPorts) {
            this.numberOfPorts = numberOfPorts;
            return this;
        }

        public Builder information(String information) {
            this.information = information;
            return this;
        }

        public Builder connection(ConnectionData connection) {
            connections.add(Objects.requireNonNull(connection, "connection"));
            return this;
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            bandwidths.add(Objects.requireNonNull(bandwidth, "bandwidth"));
            return this;
        }

        public Builder encryptionKey(String encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        public Builder unknownLine(UnknownLine line) {
            unknownLines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        public Builder attribute(SdpAttribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /** Removes every attribute of {@code type}. */
        public Builder removeAttributes(Class<? extends SdpAttribute> type) {
            attributes.removeIf(type::isInstance);
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(media, port, numberOfPorts, protocol, formats, information, connections,
                    bandwidths, encryptionKey, unknownLines, attributes);
        }
    }
}
