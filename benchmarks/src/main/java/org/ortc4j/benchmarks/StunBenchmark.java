package org.ortc4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ortc4j.ice.stun.FingerprintAttribute;
import org.ortc4j.ice.stun.IceControllingAttribute;
import org.ortc4j.ice.stun.MessageIntegrityAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.PriorityAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.UseCandidateAttribute;
import org.ortc4j.ice.stun.UsernameAttribute;

/**
 * STUN as an ICE agent uses it for every connectivity check (RFC 8445 §7.2.2), with ortc-ice's
 * codec ({@code org.ortc4j.ice.stun}), against the bare JCA work for the same bytes in the same
 * run.
 *
 * <p>The message is a nominating Binding request from the controlling agent as browsers send it:
 * USERNAME {@code "remoteUfrag:localUfrag"} (4-character ufrags, as libwebrtc makes them),
 * PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY under the short-term key of a
 * 24-character ICE password, and FINGERPRINT: 92 bytes on the wire.
 *
 * <ul>
 *   <li>{@link #encode}: build the request (attributes, HMAC-SHA1, CRC-32) and take its bytes.
 *   <li>{@link #decode}: parse the bytes into a message.
 *   <li>{@link #verify}: check MESSAGE-INTEGRITY and FINGERPRINT of a decoded message.
 *   <li>{@link #decodeAndVerify}: what a receiver does with each check that arrives.
 *   <li>{@link #bareHmacSha1} (baseline): {@code Mac.doFinal} of a reused JCA HMAC-SHA1 over the
 *       same bytes MESSAGE-INTEGRITY covers; {@link #bareHmacSha1AndCrc32} adds a CRC-32 over
 *       the bytes FINGERPRINT covers: the least any verifier must compute.
 * </ul>
 *
 * <p>Set-up fails the run unless the baseline's HMAC and CRC are the message's own
 * MESSAGE-INTEGRITY and FINGERPRINT values, so both sides do the same work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StunBenchmark {

    /** RFC 8489 §14.7: the FINGERPRINT CRC is XOR'ed with this, "STUN" in ASCII. */
    static final int FINGERPRINT_XOR = 0x5354554e;

    /** The request, its bytes and key. */
    @State(Scope.Thread)
    public static class Request {
        final String username = "Zx3q:9kTb";
        final String password = "c8PfJ1nRmW4tYq7LsV2hXb6D";
        MessageIntegrityKey key;
        byte[] transactionId;
        long priority;
        long tieBreaker;

        byte[] wire;
        StunMessage decoded;

        /** The bytes MESSAGE-INTEGRITY covers, with the length field as the HMAC sees it. */
        byte[] integrityInput;
        /** The bytes FINGERPRINT covers. */
        int fingerprintInputLength;
        Mac mac;
        final CRC32 crc = new CRC32();

        @Setup
        public void setUp() throws GeneralSecurityException {
            SplittableRandom random = new SplittableRandom(8445);
            key = MessageIntegrityKey.shortTerm(password);
            transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
            for (int i = 0; i < transactionId.length; i++) {
                transactionId[i] = (byte) random.nextInt();
            }
            // RFC 8445 §5.1.2.1 for a peer-reflexive candidate (type preference 110) on component 1.
            priority = (110L << 24) | (65535L << 8) | (256 - 1);
            tieBreaker = random.nextLong();

            wire = encodeOnce();
            decoded = StunMessage.decode(wire);
            require(decoded.verifyIntegrity(key) && decoded.verifyFingerprint(), "ortc-ice does not verify its own request");
            require(wire.length == 92, "the request is " + wire.length + " bytes, not 92");

            // MESSAGE-INTEGRITY is 24 bytes (header and 20-byte HMAC), FINGERPRINT 8 more.
            int fingerprintOffset = wire.length - 8;
            int integrityOffset = fingerprintOffset - 24;
            integrityInput = Arrays.copyOf(wire, integrityOffset);
            int adjusted = integrityOffset - StunMessage.HEADER_LENGTH + 24;
            integrityInput[2] = (byte) (adjusted >> 8);
            integrityInput[3] = (byte) adjusted;
            fingerprintInputLength = fingerprintOffset;

            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hmac = bareHmac();
            byte[] theirs = decoded.attribute(MessageIntegrityAttribute.class).orElseThrow().hmac();
            require(Arrays.equals(hmac, theirs), "the baseline's HMAC is not the request's MESSAGE-INTEGRITY");
            int fingerprint = decoded.attribute(FingerprintAttribute.class).orElseThrow().value();
            require(bareCrc() == fingerprint, "the baseline's CRC is not the request's FINGERPRINT");
        }

        byte[] encodeOnce() {
            return StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                    .transactionId(transactionId)
                    .attribute(new UsernameAttribute(username))
                    .attribute(new PriorityAttribute(priority))
                    .attribute(new IceControllingAttribute(tieBreaker))
                    .attribute(new UseCandidateAttribute())
                    .messageIntegrity(key)
                    .fingerprint()
                    .build()
                    .encode();
        }

        byte[] bareHmac() {
            mac.update(integrityInput, 0, integrityInput.length);
            return mac.doFinal();
        }

        int bareCrc() {
            crc.reset();
            crc.update(wire, 0, fingerprintInputLength);
            return (int) crc.getValue() ^ FINGERPRINT_XOR;
        }
    }

    @Benchmark
    public byte[] encode(Request r) {
        return r.encodeOnce();
    }

    @Benchmark
    public StunMessage decode(Request r) {
        return StunMessage.decode(r.wire);
    }

    @Benchmark
    public boolean verify(Request r) {
        return ok(r.decoded.verifyIntegrity(r.key) && r.decoded.verifyFingerprint());
    }

    @Benchmark
    public boolean decodeAndVerify(Request r) {
        StunMessage message = StunMessage.decode(r.wire);
        return ok(message.verifyIntegrity(r.key) && message.verifyFingerprint());
    }

    @Benchmark
    public byte[] bareHmacSha1(Request r) {
        return r.bareHmac();
    }

    @Benchmark
    public int bareHmacSha1AndCrc32(Request r) {
        byte[] hmac = r.bareHmac();
        return hmac[0] ^ r.bareCrc();
    }

    private static boolean ok(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("verification failed");
        }
        return true;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
