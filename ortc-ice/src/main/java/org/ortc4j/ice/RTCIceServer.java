package org.ortc4j.ice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One STUN or TURN server the ICE agent may use, with the credentials for it (W3C WebRTC
 * §4.2.2 {@code RTCIceServer}; aiortc {@code RTCIceServer}).
 *
 * <pre>{@code
 * new RTCIceServer("stun:stun.l.google.com:19302");
 * new RTCIceServer(List.of("stun:stun.l.google.com:19302", "stun:stun1.l.google.com:19302"));
 * new RTCIceServer("turn:turnserver.example.com:3478", "myusername", "mypassword");
 * RTCIceServer.newBuilder().urls("turns:turn.example.org").username("u").credential("p").build();
 * }</pre>
 *
 * <p>Construction validates as the W3C "set the configuration" steps do (W3C WebRTC §4.4.1.5),
 * so an {@code RTCIceServer} that exists is one a peer connection accepts:
 * <ul>
 *   <li>no URLs: {@link SyntaxException} ("If urls is empty, throw a "SyntaxError"
 *       DOMException");</li>
 *   <li>a URL that is not a STUN or TURN URI: {@link SyntaxException}, from
 *       {@link IceServerUrl#parse};</li>
 *   <li>a {@code turn:}/{@code turns:} URL without a username or credential, or with a username
 *       of 509 UTF-8 bytes or more (RFC 8489 §14.3: "fewer than 509 bytes"):
 *       {@link InvalidAccessException}.</li>
 * </ul>
 * The RFC 8265 §4.1 OpaqueString preparation of username and credential is not applied here;
 * the W3C platform tests accept empty strings for both, and so does ortc4j.
 *
 * @param urls the server's URLs as given, in order; never empty, an unmodifiable copy
 * @param username the TURN username, or {@code null} for none
 * @param credential the TURN password, or {@code null} for none
 * @param credentialType how the credential is used; {@code null} means
 *     {@link RTCIceCredentialType#PASSWORD}, the default
 */
public record RTCIceServer(List<String> urls, String username, String credential, RTCIceCredentialType credentialType) {

    // RFC 8489 §14.3: USERNAME "MUST contain a UTF-8-encoded [RFC3629] sequence of fewer than
    // 509 bytes".
    private static final int MAX_USERNAME_BYTES = 508;

    /**
     * Validates and copies the fields.
     *
     * @throws SyntaxException if {@code urls} is empty or one of them is not a STUN or TURN URL
     * @throws InvalidAccessException if a TURN URL lacks the username or credential, or the
     *     username is too long for STUN
     * @throws NullPointerException if {@code urls} or one of its elements is null
     */
    public RTCIceServer {
        urls = copyUrls(urls);
        if (credentialType == null) {
            credentialType = RTCIceCredentialType.PASSWORD;
        }
        for (String url : urls) {
            IceServerUrl parsed = IceServerUrl.parse(url);
            // W3C §4.4.1.5: "If parsedURL's scheme is "turn" or "turns", and either of
            // server.username or server.credential are missing or their UTF-8 representations
            // fail to conform to [RFC8489] section 14.3 and [RFC8265] section 4.1 respectively,
            // then throw an InvalidAccessError."
            if (parsed.scheme().isTurn()) {
                if (username == null) {
                    throw new InvalidAccessException("TURN server \"" + url + "\" needs a username");
                }
                if (credential == null) {
                    throw new InvalidAccessException("TURN server \"" + url + "\" needs a credential");
                }
                int usernameBytes = username.getBytes(StandardCharsets.UTF_8).length;
                if (usernameBytes > MAX_USERNAME_BYTES) {
                    throw new InvalidAccessException("TURN username for \"" + url + "\" is " + usernameBytes
                            + " bytes of UTF-8; RFC 8489 §14.3 allows fewer than 509");
                }
            }
        }
    }

    /**
     * A server with one URL and no credentials, such as a STUN server.
     *
     * @param url a STUN or TURN URL
     */
    public RTCIceServer(String url) {
        this(List.of(Objects.requireNonNull(url, "url")), null, null, RTCIceCredentialType.PASSWORD);
    }

    /**
     * A server with several URLs and no credentials.
     *
     * @param urls STUN or TURN URLs, at least one
     */
    public RTCIceServer(List<String> urls) {
        this(urls, null, null, RTCIceCredentialType.PASSWORD);
    }

    /**
     * A server with one URL and a username and password, such as a TURN server.
     *
     * @param url a STUN or TURN URL
     * @param username the TURN username
     * @param credential the TURN password
     */
    public RTCIceServer(String url, String username, String credential) {
        this(List.of(Objects.requireNonNull(url, "url")), username, credential, RTCIceCredentialType.PASSWORD);
    }

    /**
     * A server with several URLs and a username and password.
     *
     * @param urls STUN or TURN URLs, at least one
     * @param username the TURN username
     * @param credential the TURN password
     */
    public RTCIceServer(List<String> urls, String username, String credential) {
        this(urls, username, credential, RTCIceCredentialType.PASSWORD);
    }

    /** A builder, for code that sets the fields one by one. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The {@link #urls()} parsed, in the same order. They were validated at construction, so
     * this never throws.
     */
    public List<IceServerUrl> parsedUrls() {
        List<IceServerUrl> parsed = new ArrayList<>(urls.size());
        for (String url : urls) {
            parsed.add(IceServerUrl.parse(url));
        }
        return Collections.unmodifiableList(parsed);
    }

    /**
     * The fields, with the credential masked: a configuration is often logged, and the TURN
     * password should not end up in the log.
     */
    @Override
    public String toString() {
        return "RTCIceServer[urls=" + urls + ", username=" + username
                + ", credential=" + (credential == null ? "null" : "***")
                + ", credentialType=" + credentialType + "]";
    }

    private static List<String> copyUrls(List<String> urls) {
        Objects.requireNonNull(urls, "urls");
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i) == null) {
                throw new NullPointerException("urls[" + i + "] is null");
            }
        }
        // W3C §4.4.1.5: "If urls is empty, throw a "SyntaxError" DOMException."
        if (urls.isEmpty()) {
            throw new SyntaxException("RTCIceServer.urls is empty; give at least one stun:, stuns:, turn: or turns: URL");
        }
        return List.copyOf(urls);
    }

    /**
     * Builds an {@link RTCIceServer} field by field; {@link #build()} validates as the record's
     * constructor does. A builder is not thread-safe and may be reused.
     */
    public static final class Builder {

        private List<String> urls = List.of();
        private String username;
        private String credential;
        private RTCIceCredentialType credentialType = RTCIceCredentialType.PASSWORD;

        private Builder() {
        }

        /**
         * Sets the URLs, replacing any set before.
         *
         * @param urls STUN or TURN URLs
         * @return this builder
         */
        public Builder urls(String... urls) {
            this.urls = Arrays.asList(Objects.requireNonNull(urls, "urls").clone());
            return this;
        }

        /**
         * Sets the URLs, replacing any set before.
         *
         * @param urls STUN or TURN URLs
         * @return this builder
         */
        public Builder urls(List<String> urls) {
            this.urls = new ArrayList<>(Objects.requireNonNull(urls, "urls"));
            return this;
        }

        /**
         * Sets the TURN username.
         *
         * @param username the username, or {@code null} for none
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * Sets the TURN password.
         *
         * @param credential the password, or {@code null} for none
         * @return this builder
         */
        public Builder credential(String credential) {
            this.credential = credential;
            return this;
        }

        /**
         * Sets how the credential is used.
         *
         * @param credentialType the type; {@code null} means the default,
         *     {@link RTCIceCredentialType#PASSWORD}
         * @return this builder
         */
        public Builder credentialType(RTCIceCredentialType credentialType) {
            this.credentialType = credentialType;
            return this;
        }

        /**
         * The server described so far.
         *
         * @throws SyntaxException if no URL was set or one is not a STUN or TURN URL
         * @throws InvalidAccessException if a TURN URL lacks the username or credential
         */
        public RTCIceServer build() {
            return new RTCIceServer(urls, username, credential, credentialType);
        }
    }
}
