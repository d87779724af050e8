package org.ortc4j.ice.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.NonceAttribute;
import org.ortc4j.ice.stun.RealmAttribute;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.UsernameAttribute;

/**
 * A STUN client towards one server or peer: builds requests with credentials (RFC 8489 §9),
 * runs them as transactions, checks the integrity of responses, and handles the long-term
 * mechanism's 401 and 438 by retrying with the realm and nonce the server gave.
 *
 * <p>The future of {@link #request} completes with the final response, success or error (an
 * ICE agent needs to see 487 Role Conflict, a TURN client 437 or 486); exceptionally only on
 * timeout ({@link java.util.concurrent.TimeoutException}), when every response that came back
 * failed its integrity check ({@link StunIntegrityException}), when too many transactions are
 * outstanding, or when cancelled. Responses that fail the integrity check are dropped and
 * counted ({@link #integrityFailures()}), never accepted: over UDP the transaction goes on as if
 * they had not arrived; over TCP/TLS it ends at once.
 *
 * <p>Left out for now: MESSAGE-INTEGRITY-SHA256 on requests, PASSWORD-ALGORITHMS and USERHASH
 * (RFC 8489 §9.2.1 to §9.2.3's SHA-256 path), and the "nonce cookie" security feature bits
 * (§9.2). Requests carry MESSAGE-INTEGRITY (HMAC-SHA1, the MD5 long-term key); a response that
 * carries MESSAGE-INTEGRITY-SHA256 is still verified with it.
 *
 * <p>Confined to the scheduler's thread of its {@link StunTransactions}.
 */
public final class StunClient {

    private final StunTransactions transactions;
    private final Consumer<StunMessage> send;
    private final StunRetransmission timing;
    private final StunCredentials credentials;
    private final boolean fingerprint;

    private String realm;
    private String nonce;
    private MessageIntegrityKey longTermKey;
    private long integrityFailures;
    private long fingerprintFailures;

    /**
     * @param send sends a request on the wire
     * @param fingerprint whether requests end with FINGERPRINT (ICE: RFC 8445 §7.1 requires it)
     */
    public StunClient(StunTransactions transactions, Consumer<StunMessage> send, StunRetransmission timing,
            StunCredentials credentials, boolean fingerprint) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.send = Objects.requireNonNull(send, "send");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.fingerprint = fingerprint;
    }

    /**
     * Sends a request of this type with these attributes, to which the client adds the
     * credentials (and FINGERPRINT, if configured). Each retry is a new transaction with a new
     * transaction id.
     */
    public CompletableFuture<StunMessage> request(StunMessageType type, List<? extends StunAttribute> attributes) {
        Objects.requireNonNull(type, "type");
        if (type.messageClass() != StunMessageClass.REQUEST) {
            throw new IllegalArgumentException("not a request: " + type);
        }
        Exchange exchange = new Exchange(type, List.copyOf(attributes));
        exchange.result.whenComplete((response, failure) -> {
            if (exchange.current != null && !exchange.current.isDone()) {
                exchange.current.cancel(false);
            }
        });
        attempt(exchange);
        return exchange.result;
    }

    /** Hands an incoming response to the transaction it answers; see {@link StunTransactions#handleResponse}. */
    public boolean handleResponse(StunMessage message) {
        return transactions.handleResponse(message);
    }

    /** The realm the server gave, once a 401 has carried one. */
    public Optional<String> realm() {
        return Optional.ofNullable(realm);
    }

    /** The current nonce, once a 401 or 438 has carried one. */
    public Optional<String> nonce() {
        return Optional.ofNullable(nonce);
    }

    /** Responses dropped because their MESSAGE-INTEGRITY was missing or wrong. */
    public long integrityFailures() {
        return integrityFailures;
    }

    /** Responses dropped because their FINGERPRINT did not match. */
    public long fingerprintFailures() {
        return fingerprintFailures;
    }

    private void attempt(Exchange exchange) {
        if (exchange.result.isDone()) {
            return;
        }
        StunMessage.Builder builder = StunMessage.newBuilder(exchange.type).attributes(exchange.attributes);
        MessageIntegrityKey key = null;
        if (credentials instanceof StunCredentials.ShortTerm shortTerm) {
            // RFC 8489 §9.1.2 (paraphrased): a request under short-term credentials carries
            // USERNAME and MESSAGE-INTEGRITY computed with the password (RFC 8445 §7.2.2 for ICE).
            key = MessageIntegrityKey.shortTerm(shortTerm.password());
            builder.attribute(new UsernameAttribute(shortTerm.username())).messageIntegrity(key);
        } else if (credentials instanceof StunCredentials.LongTerm longTerm && nonce != null) {
            // RFC 8489 §9.2.3.2: "The client SHOULD cache the username, password, realm, and
            // nonce for subsequent communications with the server. When the client sends a
            // subsequent request, it MUST include either the USERNAME or USERHASH, REALM,
            // NONCE, and PASSWORD-ALGORITHM attributes with these cached values." (No
            // PASSWORD-ALGORITHM yet: without PASSWORD-ALGORITHMS from the server, MD5 is
            // implied, as in RFC 5389.) §9.2.3.1: "the first request is sent as if there were no
            // authentication or message integrity applied."
            key = longTermKey;
            builder.attribute(new UsernameAttribute(longTerm.username()))
                    .attribute(new RealmAttribute(realm))
                    .attribute(new NonceAttribute(nonce))
                    .messageIntegrity(key);
        }
        if (fingerprint) {
            builder.fingerprint();
        }
        StunMessage request = builder.build();
        MessageIntegrityKey sentKey = key;
        String sentRealm = key != null && credentials instanceof StunCredentials.LongTerm ? realm : null;
        boolean[] integrityFailed = {false};
        CompletableFuture<StunMessage> response = transactions.start(request, send, timing, message -> {
            long failuresBefore = integrityFailures;
            if (accept(message, sentKey)) {
                return true;
            }
            if (integrityFailures == failuresBefore) {
                return false;
            }
            integrityFailed[0] = true;
            if (timing.reliable()) {
                exchange.result.completeExceptionally(new StunIntegrityException(
                        "STUN response failed its integrity check over a reliable transport", null));
            }
            return false;
        });
        exchange.current = response;
        if (exchange.result.isDone()) {
            // ended while the request was being sent (a synchronous transport answered at once)
            response.cancel(false);
        }
        response.whenComplete((message, failure) -> {
            if (exchange.result.isDone()) {
                return;
            }
            if (failure instanceof java.util.concurrent.TimeoutException && integrityFailed[0]) {
                exchange.result.completeExceptionally(new StunIntegrityException(
                        "every STUN response failed its integrity check", failure));
            } else if (failure != null) {
                exchange.result.completeExceptionally(failure);
            } else {
                onResponse(exchange, message, sentKey != null, sentRealm);
            }
        });
    }

    private void onResponse(Exchange exchange, StunMessage response, boolean hadCredentials, String sentRealm) {
        if (credentials instanceof StunCredentials.LongTerm longTerm
                && response.type().messageClass() == StunMessageClass.ERROR_RESPONSE) {
            int code = response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(0);
            Optional<String> newRealm = response.attribute(RealmAttribute.class).map(RealmAttribute::realm);
            Optional<String> newNonce = response.attribute(NonceAttribute.class).map(NonceAttribute::nonce);
            // RFC 8489 §9.2.5: "If the response is an error response with an error code of 401
            // (Unauthenticated), the client SHOULD retry the request with a new transaction. ...
            // The request MUST contain the REALM, copied from the error response. The request
            // MUST contain the NONCE, copied from the error response. ... The client MUST NOT
            // perform this retry if it is not changing the USERNAME, USERHASH, REALM, or its
            // associated password from the previous attempt." Username and password are fixed
            // here, so we retry when the last attempt had no credentials or another realm, and
            // at most once per request.
            boolean changing = !hadCredentials || !newRealm.equals(Optional.ofNullable(sentRealm));
            if (code == ErrorCodeAttribute.UNAUTHENTICATED && newRealm.isPresent() && newNonce.isPresent()
                    && changing && !exchange.retriedUnauthenticated) {
                exchange.retriedUnauthenticated = true;
                cache(longTerm, newRealm.get(), newNonce.get());
                attempt(exchange);
                return;
            }
            // RFC 8489 §9.2.5: "If the response is an error response with an error code of 438
            // (Stale Nonce), the client MUST retry the request, using the new NONCE attribute
            // supplied in the 438 (Stale Nonce) response. This retry MUST also include either the
            // USERNAME or USERHASH, the REALM, and either the MESSAGE-INTEGRITY or
            // MESSAGE-INTEGRITY-SHA256 attribute." Once per request, so that a server that keeps
            // answering 438 cannot keep us looping.
            if (code == ErrorCodeAttribute.STALE_NONCE && newNonce.isPresent() && hadCredentials
                    && !exchange.retriedStaleNonce) {
                exchange.retriedStaleNonce = true;
                cache(longTerm, newRealm.orElse(realm), newNonce.get());
                attempt(exchange);
                return;
            }
        }
        exchange.result.complete(response);
    }

    private void cache(StunCredentials.LongTerm longTerm, String newRealm, String newNonce) {
        if (longTermKey == null || !newRealm.equals(realm)) {
            // RFC 8489 §9.2.2: key = MD5(username ":" OpaqueString(realm) ":" OpaqueString(password))
            longTermKey = MessageIntegrityKey.longTerm(longTerm.username(), newRealm, longTerm.password());
        }
        realm = newRealm;
        nonce = newNonce;
    }

    /** Whether a response that matched a transaction by id may complete it. */
    private boolean accept(StunMessage response, MessageIntegrityKey sentKey) {
        if (response.attribute(StunAttributeType.FINGERPRINT).isPresent() && !response.verifyFingerprint()) {
            fingerprintFailures++;
            return false;
        }
        if (sentKey == null) {
            return true;
        }
        if (credentials instanceof StunCredentials.LongTerm
                && response.type().messageClass() == StunMessageClass.ERROR_RESPONSE) {
            int code = response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(0);
            // RFC 8489 §9.2.4: the server's 401 and 438 "SHOULD NOT include" / "MAY include" a
            // MESSAGE-INTEGRITY, so those are taken without one (and checked when they have one).
            // A 400 without one is not: §9.2.5: "If the response is an error response with an
            // error code of 400 (Bad Request) and does not contain either the MESSAGE-INTEGRITY
            // or MESSAGE-INTEGRITY-SHA256 attribute, then the response MUST be discarded, as if it
            // were never received."
            if ((code == ErrorCodeAttribute.UNAUTHENTICATED || code == ErrorCodeAttribute.STALE_NONCE)
                    && !response.hasIntegrity()) {
                return true;
            }
        }
        // RFC 8489 §9.2.5 (and §9.1.4 alike): "If the value does not match, or if both
        // MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 are absent, the processing depends on
        // the request being sent over a reliable or an unreliable transport. If the request was
        // sent over an unreliable transport, the response MUST be discarded, as if it had never
        // been received."
        if (!response.verifyIntegrity(sentKey)) {
            integrityFailures++;
            return false;
        }
        return true;
    }

    private static final class Exchange {
        final StunMessageType type;
        final List<StunAttribute> attributes;
        final CompletableFuture<StunMessage> result = new CompletableFuture<>();
        CompletableFuture<StunMessage> current;
        boolean retriedUnauthenticated;
        boolean retriedStaleNonce;

        Exchange(StunMessageType type, List<StunAttribute> attributes) {
            this.type = type;
            this.attributes = attributes;
        }
    }
}
