package org.ortc4j.ice.internal.mdns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A domain name as a list of labels, such as {@code ["1f0e…", "local"]}; the root is the empty
 * list.
 *
 * <p>Labels are text: RFC 6762 §16: "Multicast DNS uses UTF-8, and only UTF-8, to encode
 * resource record names." {@link #equals} compares labels exactly, so that a decoded name
 * re-encodes to the same bytes; {@link #sameAs} compares them the way DNS does, RFC 6762 §16:
 * "... Multicast DNS uses ... case-insensitive ASCII comparison ...".
 */
public final class DnsName {

    /** RFC 1035 §2.3.4: "labels 63 octets or less". */
    public static final int MAX_LABEL_LENGTH = 63;

    /**
     * RFC 1035 §3.1: "the total length of a domain name (i.e., label octets and label length
     * octets) is restricted to 255 octets or less", the terminating zero-length label included.
     */
    public static final int MAX_NAME_LENGTH = 255;

    /** The root name, with no labels. */
    public static final DnsName ROOT = new DnsName(List.of());

    private final List<String> labels;

    private DnsName(List<String> labels) {
        this.labels = labels;
    }

    /**
     * The name with these labels, first (leftmost) first.
     *
     * @throws IllegalArgumentException when a label is empty or longer than 63 bytes in UTF-8, or
     *     the name is longer than 255 bytes on the wire
     */
    public static DnsName ofLabels(List<String> labels) {
        List<String> copy = List.copyOf(labels);
        int wireLength = 1;
        for (String label : copy) {
            int length = label.getBytes(StandardCharsets.UTF_8).length;
            if (length == 0) {
                throw new IllegalArgumentException("empty label in " + copy);
            }
            if (length > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("label of " + length + " bytes is longer than "
                        + MAX_LABEL_LENGTH + ": " + label);
            }
            wireLength += 1 + length;
        }
        if (wireLength > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name of " + wireLength + " bytes is longer than " + MAX_NAME_LENGTH);
        }
        return new DnsName(copy);
    }

    /**
     * Parses a dotted name such as {@code "host.local"} or {@code "host.local."}; {@code "."} is
     * the root. There is no escaping: a label cannot contain a dot here.
     *
     * @throws IllegalArgumentException as {@link #ofLabels}, or for an empty name or empty label
     */
    public static DnsName of(String dotted) {
        Objects.requireNonNull(dotted, "name");
        if (dotted.equals(".")) {
            return ROOT;
        }
        String trimmed = dotted.endsWith(".") ? dotted.substring(0, dotted.length() - 1) : dotted;
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        List<String> labels = new ArrayList<>();
        int start = 0;
        while (true) {
            int dot = trimmed.indexOf('.', start);
            String label = dot < 0 ? trimmed.substring(start) : trimmed.substring(start, dot);
            if (label.isEmpty()) {
                throw new IllegalArgumentException("empty label in \"" + dotted + "\"");
            }
            labels.add(label);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return ofLabels(labels);
    }

    /** The labels, leftmost first. */
    public List<String> labels() {
        return labels;
    }

    /** The number of bytes this name takes on the wire without compression. */
    public int wireLength() {
        int length = 1;
        for (String label : labels) {
            length += 1 + label.getBytes(StandardCharsets.UTF_8).length;
        }
        return length;
    }

    /** Whether this name is in the {@code local.} domain that Multicast DNS owns (RFC 6762 §3). */
    public boolean isLocal() {
        return labels.size() >= 2 && asciiLowerCase(labels.get(labels.size() - 1)).equals("local");
    }

    /** Whether {@code other} is the same name in DNS terms: labels equal ignoring ASCII case. */
    public boolean sameAs(DnsName other) {
        return key().equals(other.key());
    }

    /** A string that is equal for two names exactly when {@link #sameAs} holds: a map key. */
    public String key() {
        // Each label with its length in front, so that labels containing dots cannot collide.
        StringBuilder key = new StringBuilder();
        for (String label : labels) {
            key.append(label.length()).append(':').append(asciiLowerCase(label));
        }
        return key.toString();
    }

    private static String asciiLowerCase(String text) {
        StringBuilder lower = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (lower == null) {
                    lower = new StringBuilder(text);
                }
                lower.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return lower == null ? text : lower.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsName name && name.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    /** The dotted form without the trailing dot, {@code "."} for the root. */
    @Override
    public String toString() {
        return labels.isEmpty() ? "." : String.join(".", labels);
    }
}
