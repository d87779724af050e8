/**
 * The STUN message codec of RFC 8489 (compatible with RFC 5389), with the ICE attributes of
 * RFC 8445 §16.1 and the TURN attributes of RFC 8656 §18.
 *
 * <p>{@link org.ortc4j.ice.stun.StunMessage} decodes and encodes messages and computes and checks
 * MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT with a
 * {@link org.ortc4j.ice.stun.MessageIntegrityKey}. Each attribute type has its own class, named
 * after the RFC; attributes of other types are kept as
 * {@link org.ortc4j.ice.stun.UnknownStunAttribute}. Methods, attribute types and address families
 * are open sets of values that keep codes this module does not know.
 *
 * <p>Bad input makes decoding throw {@link org.ortc4j.ice.stun.StunParseException}, and nothing
 * else. There are no transactions, sockets or agents here; they build on this package.
 */
package org.ortc4j.ice.stun;
