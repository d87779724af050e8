package org.ortc4j.ice.internal;

import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.VirtualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.NonceAttribute;
import org.ortc4j.ice.stun.RealmAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.UsernameAttribute;

/** Short-term (RFC 8489 §9.1) and long-term (§9.2) credentials on the client side. */
class StunClientTest {

    // RFC 5769 §2.4 long-term values (the password after SASLprep/OpaqueString).
    private static final String USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    private static final String PASSWORD = "TheMatrIX";
    private static final String REALM = "example.org";
    private static final String NONCE = "f//499k954d6OL34oL9FSTvy64sA";
    private static final MessageIntegrityKey LONG_TERM_KEY = MessageIntegrityKey.longTerm(USERNAME, REALM, PASSWORD);

    // RFC 5769 §2.1 short-term values.
    private static final String ICE_USERNAME = "evtj:h6vY";
    private static final String ICE_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    private static final MessageIntegrityKey SHORT_TERM_KEY = MessageIntegrityKey.shortTerm(ICE_PASSWORD);

    private static final StunMessageType ALLOCATE_REQUEST = StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST);
    private static final List<StunAttribute> UDP = List.of(new RequestedTransportAttribute(17));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final StunTransactions transactions = new StunTransactions(scheduler);
    private final List<StunMessage> sent = new ArrayList<>();

    private StunClient client(StunCredentials credentials, boolean fingerprint) {
        return new StunClient(transactions, sent::add, StunRetransmission.UDP_DEFAULT, credentials, fingerprint);
    }

    private static StunMessage response(StunMessage request, StunMessageClass messageClass, MessageIntegrityKey key,
            StunAttribute... attributes) {
        StunMessage.Builder builder = StunMessage.newBuilder(StunMessageType.of(request.type().method(), messageClass))
                .transactionId(request.transactionId()).attributes(List.of(attributes));
        if (key != null) {
            builder.messageIntegrity(key);
        }
        return StunMessage.decode(builder.fingerprint().build().encode());
    }

    private static StunMessage received(StunMessage message) {
        return StunMessage.decode(message.encode());
    }

    private StunMessage lastSent() {
        return received(sent.get(sent.size() - 1));
    }

    // -------------------------------------------------------------------------------------
    // Short-term credentials (ICE)

    @Test
    void shortTermRequestsCarryUsernameIntegrityAndFingerprint() {
        StunClient client = client(new StunCredentials.ShortTerm(ICE_USERNAME, ICE_PASSWORD), true);

        client.request(StunMessageType.BINDING_REQUEST, List.of());

        StunMessage request = lastSent();
        assertThat(request.attribute(UsernameAttribute.class)).contains(new UsernameAttribute(ICE_USERNAME));
        assertThat(request.verifyMessageIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(request.verifyFingerprint()).isTrue();
    }

    @Test
    void shortTermResponseWithIntegrityUnderTheSameKeyCompletes() {
        StunClient client = client(new StunCredentials.ShortTerm(ICE_USERNAME, ICE_PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());

        StunMessage response = response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, SHORT_TERM_KEY);
        assertThat(client.handleResponse(response)).isTrue();

        assertThat(result).isCompletedWithValue(response);
        assertThat(client.integrityFailures()).isZero();
    }

    @Test
    void responsesFailingIntegrityAreDroppedAndCountedAndTheTransactionGoesOn() {
        // RFC 8489 §9.1.4, §9.2.5: over an unreliable transport "the response MUST be discarded,
        // as if it had never been received. This means that retransmits, if applicable, will
        // continue."
        StunClient client = client(new StunCredentials.ShortTerm(ICE_USERNAME, ICE_PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());
        StunMessage request = lastSent();

        assertThat(client.handleResponse(response(request, StunMessageClass.SUCCESS_RESPONSE,
                MessageIntegrityKey.shortTerm("wrong password")))).isFalse();
        assertThat(client.handleResponse(response(request, StunMessageClass.SUCCESS_RESPONSE, null))).isFalse();

        assertThat(result).isNotDone();
        assertThat(client.integrityFailures()).isEqualTo(2);
        assertThat(transactions.rejectedResponses()).isEqualTo(2);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(sent).hasSize(2).allMatch(m -> m.equals(request));

        StunMessage good = response(request, StunMessageClass.SUCCESS_RESPONSE, SHORT_TERM_KEY);
        assertThat(client.handleResponse(good)).isTrue();
        assertThat(result).isCompletedWithValue(good);
    }

    @Test
    void anIntegrityProtectedErrorResponseIsTheFinalAnswer() {
        StunClient client = client(new StunCredentials.ShortTerm(ICE_USERNAME, ICE_PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());

        StunMessage roleConflict = response(lastSent(), StunMessageClass.ERROR_RESPONSE, SHORT_TERM_KEY,
                new ErrorCodeAttribute(ErrorCodeAttribute.ROLE_CONFLICT, "Role Conflict"));
        client.handleResponse(roleConflict);

        assertThat(result).isCompletedWithValue(roleConflict);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aResponseWithABadFingerprintIsDropped() {
        StunClient client = client(StunCredentials.NONE, false);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());
        byte[] bytes = response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, null).encode();
        bytes[bytes.length - 1] ^= 1;

        assertThat(client.handleResponse(StunMessage.decode(bytes))).isFalse();

        assertThat(result).isNotDone();
        assertThat(client.fingerprintFailures()).isEqualTo(1);
    }

    @Test
    void withoutCredentialsAnyMatchingResponseCompletes() {
        StunClient client = client(StunCredentials.NONE, false);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());

        assertThat(lastSent().hasIntegrity()).isFalse();
        assertThat(lastSent().attribute(StunAttributeType.USERNAME)).isEmpty();
        StunMessage response = response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, null);
        client.handleResponse(response);

        assertThat(result).isCompletedWithValue(response);
    }

    // -------------------------------------------------------------------------------------
    // Long-term credentials (TURN)

    private static StunMessage unauthenticated(StunMessage request, String nonce) {
        return response(request, StunMessageClass.ERROR_RESPONSE, null,
                new ErrorCodeAttribute(ErrorCodeAttribute.UNAUTHENTICATED, "Unauthenticated"),
                new RealmAttribute(REALM), new NonceAttribute(nonce));
    }

    private static StunMessage staleNonce(StunMessage request, String nonce) {
        return response(request, StunMessageClass.ERROR_RESPONSE, null,
                new ErrorCodeAttribute(ErrorCodeAttribute.STALE_NONCE, "Stale Nonce"),
                new RealmAttribute(REALM), new NonceAttribute(nonce));
    }

    @Test
    void firstRequestGoesWithoutCredentialsAndA401IsAnsweredWithThem() {
        // RFC 8489 §9.2.3.1: the first request carries no USERNAME, REALM, NONCE or
        // MESSAGE-INTEGRITY; §9.2.5: on 401 "the client SHOULD retry the request with a new
        // transaction" carrying USERNAME, REALM, NONCE and MESSAGE-INTEGRITY.
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);
        StunMessage first = lastSent();
        assertThat(first.hasIntegrity()).isFalse();
        assertThat(first.attribute(StunAttributeType.USERNAME)).isEmpty();

        assertThat(client.handleResponse(unauthenticated(first, NONCE))).isTrue();

        assertThat(result).isNotDone();
        assertThat(sent).hasSize(2);
        StunMessage second = lastSent();
        assertThat(second.transactionId()).isNotEqualTo(first.transactionId());
        assertThat(second.attribute(RequestedTransportAttribute.class)).contains(new RequestedTransportAttribute(17));
        assertThat(second.attribute(UsernameAttribute.class)).contains(new UsernameAttribute(USERNAME));
        assertThat(second.attribute(RealmAttribute.class)).contains(new RealmAttribute(REALM));
        assertThat(second.attribute(NonceAttribute.class)).contains(new NonceAttribute(NONCE));
        assertThat(second.verifyMessageIntegrity(LONG_TERM_KEY)).isTrue();
        assertThat(client.realm()).contains(REALM);
        assertThat(client.nonce()).contains(NONCE);

        StunMessage success = response(second, StunMessageClass.SUCCESS_RESPONSE, LONG_TERM_KEY);
        assertThat(client.handleResponse(success)).isTrue();
        assertThat(result).isCompletedWithValue(success);
    }

    @Test
    void laterRequestsReuseTheCachedRealmAndNonce() {
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), false);
        client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));
        client.handleResponse(response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, LONG_TERM_KEY));

        client.request(StunMessageType.of(StunMethod.REFRESH, StunMessageClass.REQUEST), List.of());

        StunMessage refresh = lastSent();
        assertThat(sent).hasSize(3);
        assertThat(refresh.attribute(NonceAttribute.class)).contains(new NonceAttribute(NONCE));
        assertThat(refresh.verifyMessageIntegrity(LONG_TERM_KEY)).isTrue();
    }

    @Test
    void a438StaleNonceIsRetriedWithTheNewNonce() {
        // RFC 8489 §9.2.5: "the client MUST retry the request, using the new NONCE attribute
        // supplied in the 438 (Stale Nonce) response."
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));
        client.handleResponse(response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, LONG_TERM_KEY));
        CompletableFuture<StunMessage> refresh =
                client.request(StunMessageType.of(StunMethod.REFRESH, StunMessageClass.REQUEST), List.of());

        client.handleResponse(staleNonce(lastSent(), "fresh-nonce"));

        StunMessage retried = lastSent();
        assertThat(sent).hasSize(4);
        assertThat(retried.attribute(NonceAttribute.class)).contains(new NonceAttribute("fresh-nonce"));
        assertThat(retried.verifyMessageIntegrity(LONG_TERM_KEY)).isTrue();
        assertThat(client.nonce()).contains("fresh-nonce");
        StunMessage ok = response(retried, StunMessageClass.SUCCESS_RESPONSE, LONG_TERM_KEY);
        client.handleResponse(ok);
        assertThat(refresh).isCompletedWithValue(ok);
    }

    @Test
    void aSecond401EndsTheRequestInsteadOfLooping() {
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, "wrong"), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));

        StunMessage again = unauthenticated(lastSent(), NONCE);
        client.handleResponse(again);

        assertThat(result).isCompletedWithValue(again);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aRepeated438EndsTheRequestInsteadOfLooping() {
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));
        client.handleResponse(staleNonce(lastSent(), "n2"));

        StunMessage last = staleNonce(lastSent(), "n3");
        client.handleResponse(last);

        assertThat(result).isCompletedWithValue(last);
        assertThat(sent).hasSize(3);
    }

    @Test
    void aSuccessResponseWithoutValidIntegrityToACredentialedRequestIsDropped() {
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));
        StunMessage second = lastSent();

        assertThat(client.handleResponse(response(second, StunMessageClass.SUCCESS_RESPONSE, null))).isFalse();
        assertThat(client.handleResponse(response(second, StunMessageClass.SUCCESS_RESPONSE,
                MessageIntegrityKey.longTerm(USERNAME, REALM, "forged")))).isFalse();

        assertThat(result).isNotDone();
        assertThat(client.integrityFailures()).isEqualTo(2);
    }

    @Test
    void whenEveryResponseFailedIntegrityTheRequestEndsWithAnIntegrityErrorNotATimeout() {
        // RFC 8489 §9.2.5: "If all the responses received are discarded, then instead of
        // signaling a timeout after ending the transaction, the layer MUST signal that the
        // integrity protection was violated."
        StunClient client = client(new StunCredentials.ShortTerm(ICE_USERNAME, ICE_PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());
        client.handleResponse(response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, null));

        scheduler.advance(Duration.ofMillis(39_500));

        Throwable failure = result.handle((m, e) -> e).join();
        assertThat(failure).isInstanceOf(StunIntegrityException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void overAReliableTransportAnIntegrityFailureEndsTheTransactionAtOnce() {
        StunClient client = new StunClient(transactions, sent::add, StunRetransmission.RELIABLE_DEFAULT,
                new StunCredentials.ShortTerm(ICE_USERNAME, ICE_PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(StunMessageType.BINDING_REQUEST, List.of());

        client.handleResponse(response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, null));

        assertThat(result.handle((m, e) -> e).join()).isInstanceOf(StunIntegrityException.class);
        assertThat(transactions.outstanding()).isZero();
    }

    @Test
    void a400WithoutIntegrityToACredentialedRequestIsDiscarded() {
        // RFC 8489 §9.2.5: "If the response is an error response with an error code of 400 (Bad
        // Request) and does not contain either the MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256
        // attribute, then the response MUST be discarded, as if it were never received."
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));

        assertThat(client.handleResponse(response(lastSent(), StunMessageClass.ERROR_RESPONSE, null,
                new ErrorCodeAttribute(ErrorCodeAttribute.BAD_REQUEST, "Bad Request")))).isFalse();

        assertThat(result).isNotDone();
    }

    @Test
    void a401ToCredentialsForTheSameRealmIsNotRetried() {
        // RFC 8489 §9.2.5: "The client MUST NOT perform this retry if it is not changing the
        // USERNAME, USERHASH, REALM, or its associated password from the previous attempt."
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));
        client.handleResponse(response(lastSent(), StunMessageClass.SUCCESS_RESPONSE, LONG_TERM_KEY));
        CompletableFuture<StunMessage> refresh =
                client.request(StunMessageType.of(StunMethod.REFRESH, StunMessageClass.REQUEST), List.of());

        StunMessage rejected = unauthenticated(lastSent(), "another-nonce");
        client.handleResponse(rejected);

        assertThat(refresh).isCompletedWithValue(rejected);
        assertThat(sent).hasSize(3);
    }

    @Test
    void aTimeoutFailsTheRequest() {
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);

        scheduler.advance(Duration.ofMillis(39_500));

        assertThat(result.handle((m, e) -> e).join()).isInstanceOf(TimeoutException.class);
        assertThat(sent).hasSize(7);
    }

    @Test
    void cancellingTheRequestStopsTheRetriedTransaction() {
        StunClient client = client(new StunCredentials.LongTerm(USERNAME, PASSWORD), true);
        CompletableFuture<StunMessage> result = client.request(ALLOCATE_REQUEST, UDP);
        client.handleResponse(unauthenticated(lastSent(), NONCE));

        result.cancel(false);

        assertThat(transactions.outstanding()).isZero();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sent).hasSize(2);
    }
}
