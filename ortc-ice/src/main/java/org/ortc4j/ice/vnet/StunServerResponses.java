package org.ortc4j.ice.vnet;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.FingerprintAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;

/** The responses the STUN and TURN servers send: success and error responses to a request. */
final class StunServerResponses {

    private StunServerResponses() {
    }

    /** A Binding success response telling the client where its request came from. */
    static StunMessage bindingSuccess(StunMessage request, InetSocketAddress mappedAddress) {
        // RFC 8489 §6.3.1.1 (and the Binding method of §3): the success response carries
        // XOR-MAPPED-ADDRESS, the source transport address of the request as the server saw it.
        return success(request, List.of(new XorMappedAddressAttribute(mappedAddress)), null);
    }

    /**
     * A success response to {@code request} with these attributes, protected with {@code key}
     * when not null (by the integrity attribute the request used) and ended with FINGERPRINT.
     */
    static StunMessage success(StunMessage request, List<? extends StunAttribute> attributes, MessageIntegrityKey key) {
        return respond(request, StunMessageClass.SUCCESS_RESPONSE, attributes, key);
    }

    /** An error response to {@code request}, then {@code attributes}, protected as {@link #success}. */
    static StunMessage error(StunMessage request, int code, String reason, List<? extends StunAttribute> attributes,
            MessageIntegrityKey key) {
        List<StunAttribute> all = new ArrayList<>();
        all.add(new ErrorCodeAttribute(code, reason));
        all.addAll(attributes);
        return respond(request, StunMessageClass.ERROR_RESPONSE, all, key);
    }

    private static StunMessage respond(StunMessage request, StunMessageClass messageClass,
            List<? extends StunAttribute> attributes, MessageIntegrityKey key) {
        // RFC 8489 §6.3.1.1: the response has the method and the transaction id of the request.
        StunMessage.Builder builder = StunMessage.newBuilder(StunMessageType.of(request.type().method(), messageClass))
                .transactionId(request.transactionId())
                .attributes(attributes);
        if (key != null) {
            // RFC 8489 §9.2.4: a response to an authenticated request is protected with the same
            // key, by the integrity attribute the request used.
            if (request.attribute(StunAttributeType.MESSAGE_INTEGRITY_SHA256).isPresent()) {
                builder.messageIntegritySha256(key);
            } else {
                builder.messageIntegrity(key);
            }
        }
        return builder.fingerprint().build();
    }

    /**
     * The 400 (Bad Request) response to a datagram that did not decode, built from its header
     * alone, or null when the header is not that of a request of a method this server knows (then
     * the datagram is junk and dropped).
     *
     * <p>A malformed request is answered 400 (Bad Request, RFC 8489 §14.8: "The request was
     * malformed"); only a message
     * whose header is sane (two zero bits, the magic cookie) and that names a request of a known
     * method can be answered, since the response needs its transaction id and method.
     */
    static StunMessage badRequestForMalformed(byte[] data) {
        if (data.length < StunMessage.HEADER_LENGTH || (data[0] & 0xC0) != 0) {
            return null;
        }
        int cookie = ((data[4] & 0xFF) << 24) | ((data[5] & 0xFF) << 16) | ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        if (cookie != StunMessage.MAGIC_COOKIE) {
            return null;
        }
        StunMessageType type = StunMessageType.valueOf(((data[0] & 0xFF) << 8 | (data[1] & 0xFF)) & 0x3FFF);
        if (type.messageClass() != StunMessageClass.REQUEST || !type.method().isKnown()) {
            return null;
        }
        byte[] transactionId = Arrays.copyOfRange(data, 8, StunMessage.HEADER_LENGTH);
        return StunMessage.newBuilder(StunMessageType.of(type.method(), StunMessageClass.ERROR_RESPONSE))
                .transactionId(transactionId)
                .attribute(new ErrorCodeAttribute(ErrorCodeAttribute.BAD_REQUEST, "Malformed request"))
                .fingerprint()
                .build();
    }

    /**
     * Whether a received message should be dropped for a FINGERPRINT that does not match.
     *
     * <p>RFC 8489 §7 and §14.7: FINGERPRINT tells STUN from other protocols on the same port; a
     * message whose FINGERPRINT does not match is not taken as STUN.
     */
    static boolean hasBadFingerprint(StunMessage message) {
        return message.attribute(FingerprintAttribute.class).isPresent() && !message.verifyFingerprint();
    }

    /** Whether {@code method} is one of the methods RFC 8489 and RFC 8656 define. */
    static boolean isTurnMethod(StunMethod method) {
        return method.equals(StunMethod.ALLOCATE) || method.equals(StunMethod.REFRESH)
                || method.equals(StunMethod.CREATE_PERMISSION) || method.equals(StunMethod.CHANNEL_BIND);
    }
}
