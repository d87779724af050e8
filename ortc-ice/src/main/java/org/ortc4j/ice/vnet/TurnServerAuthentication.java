package org.ortc4j.ice.vnet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.NonceAttribute;
import org.ortc4j.ice.stun.RealmAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.UsernameAttribute;

/**
 * The server side of STUN's long-term credential mechanism (RFC 8489 §9.2.4), with the MD5 key
 * of §18.5.1.1 (PASSWORD-ALGORITHMS and USERHASH are not offered: the nonces carry no security
 * feature bits, so clients use USERNAME and the MD5 key).
 */
final class TurnServerAuthentication {

    /** The result: the user and key of an authentic request, or the error response to send. */
    record Outcome(String username, MessageIntegrityKey key, StunMessage rejection) {
        boolean authenticated() {
            return rejection == null;
        }
    }

    private final String realm;
    private final Map<String, MessageIntegrityKey> keys = new HashMap<>();
    private final TurnServerNonces nonces;
    private long unauthenticated;
    private long staleNonces;

    TurnServerAuthentication(String realm, Map<String, String> users, TurnServerNonces nonces) {
        this.realm = realm;
        this.nonces = nonces;
        // Keys are computed once; the passwords are not needed after this.
        users.forEach((user, password) -> keys.put(user, MessageIntegrityKey.longTerm(user, realm, password)));
    }

    Outcome authenticate(StunMessage request) {
        // RFC 8489 §9.2.4: "If the message does not contain a MESSAGE-INTEGRITY or
        // MESSAGE-INTEGRITY-SHA256 attribute, the server MUST generate an error response with an
        // error code of 401 (Unauthenticated). This response MUST include a REALM value [...]
        // The response MUST include a NONCE".
        if (!request.hasIntegrity()) {
            return reject(request, ErrorCodeAttribute.UNAUTHENTICATED, "Unauthenticated");
        }
        // "If the message contains a MESSAGE-INTEGRITY or a MESSAGE-INTEGRITY-SHA256 attribute,
        // but is missing either the USERNAME or USERHASH, REALM, or NONCE attribute, the server
        // MUST generate an error response with an error code of 400 (Bad Request)."
        Optional<UsernameAttribute> username = request.attribute(UsernameAttribute.class);
        Optional<RealmAttribute> requestRealm = request.attribute(RealmAttribute.class);
        Optional<NonceAttribute> nonce = request.attribute(NonceAttribute.class);
        if (username.isEmpty() || requestRealm.isEmpty() || nonce.isEmpty()) {
            return new Outcome(null, null, StunServerResponses.error(request, ErrorCodeAttribute.BAD_REQUEST,
                    "USERNAME, REALM and NONCE are required", List.of(), null));
        }
        // "If the NONCE is no longer valid, the server MUST generate an error response with an
        // error code of 438 (Stale Nonce). This response MUST include NONCE and REALM attributes".
        if (!nonces.isValid(nonce.get().nonce())) {
            staleNonces++;
            return new Outcome(null, null, StunServerResponses.error(request, ErrorCodeAttribute.STALE_NONCE, "Stale Nonce",
                    List.of(new RealmAttribute(realm), new NonceAttribute(nonces.issue())), null));
        }
        // "If the value of the USERNAME or USERHASH attribute is not valid, the server MUST
        // generate an error response with an error code of 401 (Unauthenticated)."
        MessageIntegrityKey key = keys.get(username.get().username());
        // "If the resulting value does not match the contents of the MESSAGE-INTEGRITY attribute
        // or the MESSAGE-INTEGRITY-SHA256 attribute, the server MUST reject the request with an
        // error response. This response MUST use an error code of 401 (Unauthenticated)." A
        // REALM other than ours gives a key other than ours, and fails here too.
        if (key == null || !requestRealm.get().realm().equals(realm) || !request.verifyIntegrity(key)) {
            return reject(request, ErrorCodeAttribute.UNAUTHENTICATED, "Unauthenticated");
        }
        return new Outcome(username.get().username(), key, null);
    }

    private Outcome reject(StunMessage request, int code, String reason) {
        unauthenticated++;
        return new Outcome(null, null, StunServerResponses.error(request, code, reason,
                List.of(new RealmAttribute(realm), new NonceAttribute(nonces.issue())), null));
    }

    long unauthenticated() {
        return unauthenticated;
    }

    long staleNonces() {
        return staleNonces;
    }
}
