package org.ortc4j.dtls.internal.cert;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RFC 7468 block of PEM text: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...) and
 * the bytes its base64 encodes.
 *
 * @param label the text between {@code -----BEGIN } and {@code -----}
 * @param der the decoded contents
 * @param encrypted whether the block carries RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED},
 *     {@code DEK-Info}), as OpenSSL writes a password-protected traditional key
 */
public record PemBlock(String label, byte[] der, boolean encrypted) {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-]*)-----");

    /**
     * The blocks of PEM text, in order.
     *
     * @throws IllegalArgumentException naming the block, when a block has no END line or its
     *     base64 does not decode
     */
    // RFC 7468 §2: "Data before the encapsulation boundaries are permitted, and parsers MUST NOT
    // malfunction when processing such data." Lines may end in CR LF or LF; whitespace inside the
    // base64 is ignored, as the lax parsers of RFC 7468 §3 do.
    public static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher begin = BEGIN.matcher(lines[i].strip());
            if (!begin.matches()) {
                continue;
            }
            String label = begin.group(1);
            String end = "-----END " + label + "-----";
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            int j = i + 1;
            for (; j < lines.length && !lines[j].strip().equals(end); j++) {
                String line = lines[j].strip();
                if (line.startsWith("-----")) {
                    throw new IllegalArgumentException("malformed PEM: the " + label + " block has no END line before '"
                            + line + "'");
                }
                if (line.contains(":")) {
                    // RFC 1421 §4.6 encapsulated header field such as "Proc-Type: 4,ENCRYPTED".
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                    continue;
                }
                base64.append(line.replaceAll("\\s", ""));
            }
            if (j == lines.length) {
                throw new IllegalArgumentException("malformed PEM: the " + label + " block has no line '" + end
                        + "' (truncated text?)");
            }
            blocks.add(new PemBlock(label, decode(label, base64.toString()), encrypted));
            i = j;
        }
        return blocks;
    }

    private static byte[] decode(String label, String base64) {
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("malformed PEM: the " + label + " block is empty");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed PEM: the base64 of the " + label + " block does not decode ("
                    + e.getMessage() + "; truncated or corrupted?)", e);
        }
    }
}
