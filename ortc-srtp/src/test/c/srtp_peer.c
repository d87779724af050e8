/*
 * srtp_peer: a libsrtp 2 session driven over stdin/stdout, so the Java tests can cross-check
 * ortc-srtp against an implementation nobody here wrote (LibsrtpInteropTest).
 *
 * Built by the tests themselves: gcc -O2 -o target/srtp_peer src/test/c/srtp_peer.c -lsrtp2
 * (Debian package libsrtp2-dev).
 *
 * One command per line, one answer line per command; packets and keys are lowercase or
 * uppercase hex. The process exits on EOF or "quit".
 *
 *   version                                   -> ok <libsrtp version string>
 *   session <in|out> <profile> <key> <salt>   -> ok | err <srtp_err_status_t>
 *       profile: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM,
 *       AEAD_AES_256_GCM, AES_256_CM_HMAC_SHA1_80 (the names of org.ortc4j.srtp.SrtpProfile).
 *       Replaces the current session. "out" protects, "in" unprotects; either matches any
 *       SSRC (ssrc_any_outbound / ssrc_any_inbound), replay window 128, no repeated sends.
 *   rtp <packet>                              -> ok <packet> | err <srtp_err_status_t>
 *   rtcp <packet>                             -> ok <packet> | err <srtp_err_status_t>
 *       srtp_protect/srtp_unprotect (or the _rtcp ones) of the session's direction.
 *   roc <ssrc> <roc>                          -> ok | err <srtp_err_status_t>
 *       srtp_set_stream_roc; ssrc and roc in decimal. A stream the session has not seen yet
 *       is added first (ssrc_specific, same policy).
 *   getroc <ssrc>                             -> ok <roc> | err <srtp_err_status_t>
 *
 * A line that is not understood, or longer than MAX_LINE, gets "bad <reason>" and changes
 * nothing.
 */
#include <srtp2/srtp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PACKET 8192
#define MAX_LINE (2 * MAX_PACKET + 256)

static srtp_t session;
static srtp_policy_t policy;
static unsigned char master[SRTP_MAX_KEY_LEN];
static int outbound;

static char line[MAX_LINE + 2];
static unsigned char packet[MAX_PACKET + SRTP_MAX_TRAILER_LEN + 16];
static char reply[2 * sizeof(packet) + 16];

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the whole of hex into out; returns the byte count, or -1 if it is not hex or too long. */
static int from_hex(const char *hex, unsigned char *out, size_t capacity)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > capacity)
        return -1;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_value(hex[2 * i]);
        int lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return (int)(n / 2);
}

static void answer_packet(const unsigned char *bytes, int len)
{
    static const char digits[] = "0123456789abcdef";
    char *p = reply;
    memcpy(p, "ok ", 3);
    p += 3;
    for (int i = 0; i < len; i++) {
        *p++ = digits[bytes[i] >> 4];
        *p++ = digits[bytes[i] & 15];
    }
    *p = '\0';
    puts(reply);
}

static void answer_status(srtp_err_status_t status)
{
    if (status == srtp_err_status_ok)
        puts("ok");
    else
        printf("err %d\n", (int)status);
}

static int set_profile(const char *name, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp,
                       int *key_len, int *salt_len)
{
    srtp_profile_t profile;
    if (strcmp(name, "AES_256_CM_HMAC_SHA1_80") == 0) {
        /* RFC 6188 has no DTLS-SRTP profile id, so libsrtp has no srtp_profile_t for it. */
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
        *key_len = SRTP_AES_256_KEY_LEN;
        *salt_len = SRTP_SALT_LEN;
        return srtp_err_status_ok;
    } else if (strcmp(name, "AES_CM_128_HMAC_SHA1_80") == 0) {
        profile = srtp_profile_aes128_cm_sha1_80;
    } else if (strcmp(name, "AES_CM_128_HMAC_SHA1_32") == 0) {
        profile = srtp_profile_aes128_cm_sha1_32;
    } else if (strcmp(name, "AEAD_AES_128_GCM") == 0) {
        profile = srtp_profile_aead_aes_128_gcm;
    } else if (strcmp(name, "AEAD_AES_256_GCM") == 0) {
        profile = srtp_profile_aead_aes_256_gcm;
    } else {
        return -1;
    }
    srtp_err_status_t status = srtp_crypto_policy_set_from_profile_for_rtp(rtp, profile);
    if (status == srtp_err_status_ok)
        status = srtp_crypto_policy_set_from_profile_for_rtcp(rtcp, profile);
    if (status != srtp_err_status_ok)
        return (int)status;
    *key_len = (int)srtp_profile_get_master_key_length(profile);
    *salt_len = (int)srtp_profile_get_master_salt_length(profile);
    return srtp_err_status_ok;
}

static void command_session(char *direction, char *profile, char *key_hex, char *salt_hex)
{
    if (direction == NULL || profile == NULL || key_hex == NULL || salt_hex == NULL) {
        puts("bad session <in|out> <profile> <key> <salt>");
        return;
    }
    int out;
    if (strcmp(direction, "out") == 0)
        out = 1;
    else if (strcmp(direction, "in") == 0)
        out = 0;
    else {
        puts("bad direction must be in or out");
        return;
    }
    srtp_policy_t p;
    memset(&p, 0, sizeof(p));
    int key_len, salt_len;
    int status = set_profile(profile, &p.rtp, &p.rtcp, &key_len, &salt_len);
    if (status < 0) {
        puts("bad unknown profile");
        return;
    }
    if (status != srtp_err_status_ok) {
        answer_status((srtp_err_status_t)status);
        return;
    }
    unsigned char key[SRTP_MAX_KEY_LEN];
    unsigned char salt[SRTP_MAX_KEY_LEN];
    if (from_hex(key_hex, key, sizeof(key)) != key_len) {
        printf("bad %s needs a %d-byte key\n", profile, key_len);
        return;
    }
    if (from_hex(salt_hex, salt, sizeof(salt)) != salt_len) {
        printf("bad %s needs a %d-byte salt\n", profile, salt_len);
        return;
    }
    if (session != NULL) {
        srtp_dealloc(session);
        session = NULL;
    }
    /* libsrtp takes the master key and the master salt as one buffer, key || salt. */
    memset(master, 0, sizeof(master));
    memcpy(master, key, (size_t)key_len);
    memcpy(master + key_len, salt, (size_t)salt_len);
    p.ssrc.type = out ? ssrc_any_outbound : ssrc_any_inbound;
    p.key = master;
    p.window_size = 128;
    p.allow_repeat_tx = 0;
    p.next = NULL;
    status = srtp_create(&session, &p);
    if (status != srtp_err_status_ok)
        session = NULL;
    policy = p;
    outbound = out;
    answer_status((srtp_err_status_t)status);
}

static void command_packet(int rtcp, char *hex)
{
    if (session == NULL) {
        puts("bad no session");
        return;
    }
    if (hex == NULL) {
        puts("bad no packet");
        return;
    }
    int len = from_hex(hex, packet, MAX_PACKET);
    if (len < 0) {
        printf("bad packet must be hex of at most %d bytes\n", MAX_PACKET);
        return;
    }
    srtp_err_status_t status;
    if (outbound)
        status = rtcp ? srtp_protect_rtcp(session, packet, &len) : srtp_protect(session, packet, &len);
    else
        status = rtcp ? srtp_unprotect_rtcp(session, packet, &len) : srtp_unprotect(session, packet, &len);
    if (status == srtp_err_status_ok)
        answer_packet(packet, len);
    else
        answer_status(status);
}

static int parse_u32(const char *s, uint32_t *out)
{
    if (s == NULL || *s == '\0')
        return -1;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0' || v > 0xffffffffULL)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static void command_roc(char *ssrc_text, char *roc_text)
{
    uint32_t ssrc, roc;
    if (session == NULL) {
        puts("bad no session");
        return;
    }
    if (parse_u32(ssrc_text, &ssrc) || parse_u32(roc_text, &roc)) {
        puts("bad roc <ssrc> <roc>, decimal");
        return;
    }
    uint32_t current;
    if (srtp_get_stream_roc(session, ssrc, &current) != srtp_err_status_ok) {
        srtp_policy_t p = policy;
        p.ssrc.type = ssrc_specific;
        p.ssrc.value = ssrc;
        p.next = NULL;
        srtp_err_status_t status = srtp_add_stream(session, &p);
        if (status != srtp_err_status_ok) {
            answer_status(status);
            return;
        }
    }
    answer_status(srtp_set_stream_roc(session, ssrc, roc));
}

static void command_getroc(char *ssrc_text)
{
    uint32_t ssrc, roc;
    if (session == NULL) {
        puts("bad no session");
        return;
    }
    if (parse_u32(ssrc_text, &ssrc)) {
        puts("bad getroc <ssrc>, decimal");
        return;
    }
    srtp_err_status_t status = srtp_get_stream_roc(session, ssrc, &roc);
    if (status == srtp_err_status_ok)
        printf("ok %u\n", roc);
    else
        answer_status(status);
}

int main(void)
{
    if (srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "srtp_peer: srtp_init failed\n");
        return 1;
    }
    for (;;) {
        if (fgets(line, sizeof(line), stdin) == NULL)
            break;
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == '\n') {
            line[--n] = '\0';
        } else if (!feof(stdin)) {
            /* Longer than MAX_LINE: skip to its end and refuse it. */
            int c;
            while ((c = getchar()) != EOF && c != '\n')
                ;
            printf("bad line longer than %d\n", MAX_LINE);
            fflush(stdout);
            continue;
        }
        if (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        char *save = NULL;
        char *cmd = strtok_r(line, " ", &save);
        char *a = strtok_r(NULL, " ", &save);
        char *b = strtok_r(NULL, " ", &save);
        char *c = strtok_r(NULL, " ", &save);
        char *d = strtok_r(NULL, " ", &save);
        if (cmd == NULL) {
            puts("bad empty line");
        } else if (strcmp(cmd, "quit") == 0) {
            break;
        } else if (strcmp(cmd, "version") == 0) {
            printf("ok %s\n", srtp_get_version_string());
        } else if (strcmp(cmd, "session") == 0) {
            command_session(a, b, c, d);
        } else if (strcmp(cmd, "rtp") == 0) {
            command_packet(0, a);
        } else if (strcmp(cmd, "rtcp") == 0) {
            command_packet(1, a);
        } else if (strcmp(cmd, "roc") == 0) {
            command_roc(a, b);
        } else if (strcmp(cmd, "getroc") == 0) {
            command_getroc(a);
        } else {
            puts("bad unknown command");
        }
        fflush(stdout);
    }
    if (session != NULL)
        srtp_dealloc(session);
    srtp_shutdown();
    return 0;
}
