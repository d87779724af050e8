package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SDP session description (RFC 8866): the session-level lines, then the media sections.
 *
 * <p>Immutable. {@link #parse(String)} reads text, {@link #toSdp()} writes it back with CRLF line
 * endings; for descriptions that follow RFC 8866's line order, writing what was read gives the
 * same text. Unknown attributes and unknown line types are kept and written back unchanged.
 *
 * @param origin the {@code o=} line
 * @param sessionName the {@code s=} text ({@code -} in WebRTC)
 * @param information the session {@code i=} line, or {@code null}
 * @param uri the {@code u=} line, or {@code null}
 * @param emails the {@code e=} lines
 * @param phones the {@code p=} lines
 * @param connection the session {@code c=} line, or {@code null}
 * @param bandwidths the session {@code b=} lines
 * @param timings the {@code t=} lines (at least one), each with its {@code r=} lines
 * @param timeZones the {@code z=} line, or {@code null}
 * @param encryptionKey the obsolete session {@code k=} line, or {@code null}
 * @param unknownLines session-level lines with undefined type letters, kept verbatim
 * @param attributes the session-level {@code a=} lines, in order
 * @param media the media sections, in order
 */
public record SessionDescription(Origin origin, String sessionName, String information, String uri,
        List<String> emails, List<String> phones, ConnectionData connection, List<Bandwidth> bandwidths,
        List<Timing> timings, String timeZones, String encryptionKey, List<UnknownLine> unknownLines,
        List<SdpAttribute> attributes, List<MediaDescription> media) implements SdpSection {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("a session description needs at least one t= line");
        }
        unknownLines = List.copyOf(unknownLines);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * Reads SDP text with the default limits of {@link SdpParser#DEFAULT}.
     *
     * @throws SdpParseException if the text is not valid SDP; nothing else is thrown for bad input
     */
    public static SessionDescription parse(String sdp) {
        return SdpParser.DEFAULT.parse(sdp);
    }

    /** A builder with {@code s=-} and {@code t=0 0}, as JSEP writes them. */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** A builder holding everything in this description, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder(origin);
        builder.sessionName = sessionName;
        builder.information = information;
        builder.uri = uri;
        builder.emails.addAll(emails);
        builder.phones.addAll(phones);
        builder.connection = connection;
        builder.bandwidths.addAll(bandwidths);
        builder.timings.clear();
        builder.timings.addAll(timings);
        builder.timeZones = timeZones;
        builder.encryptionKey = encryptionKey;
        builder.unknownLines.addAll(unknownLines);
        builder.attributes.addAll(attributes);
        builder.media.addAll(media);
        return builder;
    }

    /** The SDP text: lines in RFC 8866 order, each ending in CRLF. */
    public String toSdp() {
        StringBuilder out = new StringBuilder(estimateLength());
        line(out, 'v', "0");
        line(out, 'o', origin.value());
        line(out, 's', sessionName);
        optionalLine(out, 'i', information);
        optionalLine(out, 'u', uri);
        emails.forEach(email -> line(out, 'e', email));
        phones.forEach(phone -> line(out, 'p', phone));
        if (connection != null) {
            line(out, 'c', connection.value());
        }
        bandwidths.forEach(bandwidth -> line(out, 'b', bandwidth.value()));
        for (Timing timing : timings) {
            line(out, 't', timing.value());
            timing.repeats().forEach(repeat -> line(out, 'r', repeat));
        }
        optionalLine(out, 'z', timeZones);
        optionalLine(out, 'k', encryptionKey);
        writeTail(out, unknownLines, attributes);
        for (MediaDescription section : media) {
            line(out, 'm', section.mediaLine());
            optionalLine(out, 'i', section.information());
            section.connections().forEach(c -> line(out, 'c', c.value()));
            section.bandwidths().forEach(b -> line(out, 'b', b.value()));
            optionalLine(out, 'k', section.encryptionKey());
            writeTail(out, section.unknownLines(), section.attributes());
        }
        return out.toString();
    }

    private int estimateLength() {
        int lines = 8 + attributes.size();
        for (MediaDescription section : media) {
            lines += 2 + section.attributes().size();
        }
        return lines * 48;
    }

    private static void writeTail(StringBuilder out, List<UnknownLine> unknownLines, List<SdpAttribute> attributes) {
        for (UnknownLine line : unknownLines) {
            out.append(line.toLine()).append("\r\n");
        }
        for (SdpAttribute attribute : attributes) {
            out.append("a=").append(attribute.name());
            String value = attribute.value();
            if (value != null) {
                out.append(':').append(value);
            }
            out.append("\r\n");
        }
    }

    private static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append("\r\n");
    }

    private static void optionalLine(StringBuilder out, char type, String value) {
        if (value != null) {
            line(out, type, value);
        }
    }

    /** Every {@code a=group}. */
    public List<GroupAttribute> groups() {
        return attributes(GroupAttribute.class);
    }

    /** The BUNDLE groups ({@code a=group:BUNDLE ...}), in order. */
    public List<GroupAttribute> bundleGroups() {
        return groups().stream().filter(GroupAttribute::isBundle).toList();
    }

    /** Whether {@code a=ice-lite} is present. */
    public boolean iceLite() {
        return has(PropertyAttribute.ICE_LITE);
    }

    /** The media section whose {@code a=mid} is {@code mid}, if any. */
    public Optional<MediaDescription> media(String mid) {
        for (MediaDescription section : media) {
            if (section.mid().filter(mid::equals).isPresent()) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /** Builds a {@link SessionDescription}; lists keep the order things are added in. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private String information;
        private String uri;
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private ConnectionData connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>(List.of(Timing.UNBOUNDED));
        private String timeZones;
        private String encryptionKey;
        private final List<UnknownLine> unknownLines = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
            return this;
        }

        public Builder information(String information) {
            this.information = information;
            return this;
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder email(String email) {
            emails.add(Objects.requireNonNull(email, "email"));
            return this;
        }

        public Builder phone(String phone) {
            phones.add(Objects.requireNonNull(phone, "phone"));
            return this;
        }

        public Builder connection(ConnectionData connection) {
            this.connection = connection;
            return this;
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            bandwidths.add(Objects.requireNonNull(bandwidth, "bandwidth"));
            return this;
        }

        /** Replaces the {@code t=} lines. */
        public Builder timings(List<Timing> timings) {
            this.timings.clear();
            this.timings.addAll(timings);
            return this;
        }

        public Builder timeZones(String timeZones) {
            this.timeZones = timeZones;
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

        /** Removes every session-level attribute of {@code type}. */
        public Builder removeAttributes(Class<? extends SdpAttribute> type) {
            attributes.removeIf(type::isInstance);
            return this;
        }

        public Builder media(MediaDescription section) {
            media.add(Objects.requireNonNull(section, "section"));
            return this;
        }

        /** Replaces the media sections. */
        public Builder media(List<MediaDescription> sections) {
            media.clear();
            sections.forEach(this::media);
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(origin, sessionName, information, uri, emails, phones, connection,
                    bandwidths, timings, timeZones, encryptionKey, unknownLines, attributes, media);
        }
    }
}
