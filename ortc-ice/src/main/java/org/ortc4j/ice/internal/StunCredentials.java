package org.ortc4j.ice.internal;

import java.util.Objects;

/**
 * The credentials a {@link StunClient} puts on its requests (RFC 8489 §9).
 */
public sealed interface StunCredentials {

    /** No credentials: plain Binding requests to a STUN server. */
    StunCredentials NONE = new None();

    /** No credentials. */
    record None() implements StunCredentials {
    }

    /**
     * The short-term mechanism (RFC 8489 §9.1), as ICE uses it: USERNAME and MESSAGE-INTEGRITY
     * keyed with the password; responses carry integrity under the same key.
     */
    record ShortTerm(String username, String password) implements StunCredentials {
        public ShortTerm {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "ShortTerm[username=" + username + "]";
        }
    }

    /**
     * The long-term mechanism (RFC 8489 §9.2), as TURN uses it: the server hands out REALM and
     * NONCE in a 401, and the key is MD5(username ":" realm ":" password).
     */
    record LongTerm(String username, String password) implements StunCredentials {
        public LongTerm {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "LongTerm[username=" + username + "]";
        }
    }
}
