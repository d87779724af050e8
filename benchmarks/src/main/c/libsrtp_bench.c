/*
 * libsrtp_bench: packets per second of Debian's libsrtp2 protecting and unprotecting the packets
 * that org.ortc4j.benchmarks.SrtpBenchmark times, as a reference for docs/benchmarks.md.
 *
 * Build and run (Debian package libsrtp2-dev):
 *
 *   gcc -O2 -o /tmp/libsrtp_bench benchmarks/src/main/c/libsrtp_bench.c -lsrtp2
 *   /tmp/libsrtp_bench [rounds [warm-up rounds [profile ...]]]
 *
 * One thread. For each profile and operation: warm-up rounds, then `rounds` rounds of one second
 * each (defaults 5 and 1), and one line with the median packets/s and every round's figure.
 *
 * Operations, on the same packets and in the same way as SrtpBenchmark:
 *   rtp_protect     a 1212-byte RTP packet (12-byte header, 1200-byte payload): the plain
 *                   template is copied into the work buffer with the next sequence number and
 *                   protected in place (srtp_protect).
 *   rtp_unprotect   the next packet of a ring of RING packets with consecutive sequence numbers,
 *                   protected before timing, is copied into the work buffer and unprotected in
 *                   place (srtp_unprotect). When the ring has gone round, the inbound session is
 *                   replaced by a new one (srtp_dealloc + srtp_create), as its replay window would
 *                   reject the ring's packets a second time: one session per RING packets, timed.
 *   rtcp_protect,   an 80-byte compound RTCP packet (SR with one report block, SDES CNAME), in
 *   rtcp_unprotect  the same way (srtp_protect_rtcp, srtp_unprotect_rtcp); AES_CM_128_HMAC_SHA1_80
 *                   and AEAD_AES_128_GCM only, as in SrtpBenchmark.
 *
 * Every call's status is checked; the program stops at the first failure.
 */
#include <srtp2/srtp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RTP_HEADER 12
#define RTP_LENGTH (RTP_HEADER + 1200)
#define RTCP_LENGTH 80
#define RING 8192
#define SSRC 0x12345678u
#define ROOM (SRTP_MAX_TRAILER_LEN + 16)
#define MAX_ROUNDS 64

struct profile {
    const char *name;
    void (*rtp)(srtp_crypto_policy_t *);
    void (*rtcp)(srtp_crypto_policy_t *);
    int key_length; /* master key + master salt */
    int rtcp_too;
};

static void cm128_80(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p); }
static void cm128_32(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(p); }
static void gcm128(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_aes_gcm_128_16_auth(p); }
static void gcm256(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_aes_gcm_256_16_auth(p); }
static void cm256_80(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(p); }

/* The names of org.ortc4j.srtp.SrtpProfile; SRTCP keeps the 80-bit tag with the _32 profile. */
static const struct profile profiles[] = {
    {"AES_CM_128_HMAC_SHA1_80", cm128_80, cm128_80, 16 + 14, 1},
    {"AES_CM_128_HMAC_SHA1_32", cm128_32, cm128_80, 16 + 14, 0},
    {"AEAD_AES_128_GCM", gcm128, gcm128, 16 + 12, 1},
    {"AEAD_AES_256_GCM", gcm256, gcm256, 32 + 12, 0},
    {"AES_256_CM_HMAC_SHA1_80", cm256_80, cm256_80, 32 + 14, 0},
};

static unsigned char master[SRTP_MAX_KEY_LEN];
static unsigned char rtp_template[RTP_LENGTH];
static unsigned char rtcp_template[RTCP_LENGTH];
static unsigned char buf[RTP_LENGTH + ROOM];
static unsigned char *ring; /* RING slots of RTP_LENGTH + ROOM bytes */
static int ring_length;
static double round_seconds = 1.0;

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned char next_byte(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned char)(rng >> 24);
}

static void put32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(srtp_err_status_t status, const char *what, const char *profile)
{
    if (status != srtp_err_status_ok) {
        fprintf(stderr, "libsrtp_bench: %s failed for %s: srtp_err_status_t %d\n", what, profile, (int)status);
        exit(1);
    }
}

static srtp_t session(const struct profile *p, srtp_ssrc_type_t direction)
{
    srtp_policy_t policy;
    memset(&policy, 0, sizeof(policy));
    p->rtp(&policy.rtp);
    p->rtcp(&policy.rtcp);
    policy.ssrc.type = direction;
    policy.key = master;
    policy.window_size = 128;
    policy.allow_repeat_tx = 0;
    policy.next = NULL;
    srtp_t s;
    check(srtp_create(&s, &policy), "srtp_create", p->name);
    return s;
}

/* What one operation needs between packets. */
struct run {
    const struct profile *p;
    srtp_t s;
    uint32_t index; /* next sequence number (RTP protect) */
    int pos;        /* next ring slot (unprotect) */
};

typedef void (*op_fn)(struct run *);

static void rtp_protect(struct run *r)
{
    memcpy(buf, rtp_template, RTP_LENGTH);
    buf[2] = (unsigned char)(r->index >> 8);
    buf[3] = (unsigned char)r->index;
    r->index++;
    int len = RTP_LENGTH;
    check(srtp_protect(r->s, buf, &len), "srtp_protect", r->p->name);
}

static void rtp_unprotect(struct run *r)
{
    if (r->pos == RING) {
        srtp_dealloc(r->s);
        r->s = session(r->p, ssrc_any_inbound);
        r->pos = 0;
    }
    memcpy(buf, ring + (size_t)r->pos++ * (RTP_LENGTH + ROOM), ring_length);
    int len = ring_length;
    check(srtp_unprotect(r->s, buf, &len), "srtp_unprotect", r->p->name);
}

static void rtcp_protect(struct run *r)
{
    memcpy(buf, rtcp_template, RTCP_LENGTH);
    int len = RTCP_LENGTH;
    check(srtp_protect_rtcp(r->s, buf, &len), "srtp_protect_rtcp", r->p->name);
}

static void rtcp_unprotect(struct run *r)
{
    if (r->pos == RING) {
        srtp_dealloc(r->s);
        r->s = session(r->p, ssrc_any_inbound);
        r->pos = 0;
    }
    memcpy(buf, ring + (size_t)r->pos++ * (RTP_LENGTH + ROOM), ring_length);
    int len = ring_length;
    check(srtp_unprotect_rtcp(r->s, buf, &len), "srtp_unprotect_rtcp", r->p->name);
}

/* Fills the ring with RING protected packets of consecutive indices, from a new outbound session. */
static void fill_ring(const struct profile *p, int rtcp)
{
    srtp_t out = session(p, ssrc_any_outbound);
    for (int i = 0; i < RING; i++) {
        unsigned char *slot = ring + (size_t)i * (RTP_LENGTH + ROOM);
        int len;
        if (rtcp) {
            memcpy(slot, rtcp_template, RTCP_LENGTH);
            len = RTCP_LENGTH;
            check(srtp_protect_rtcp(out, slot, &len), "srtp_protect_rtcp", p->name);
        } else {
            memcpy(slot, rtp_template, RTP_LENGTH);
            slot[2] = (unsigned char)(i >> 8);
            slot[3] = (unsigned char)i;
            len = RTP_LENGTH;
            check(srtp_protect(out, slot, &len), "srtp_protect", p->name);
        }
        ring_length = len;
    }
    srtp_dealloc(out);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void measure(const struct profile *p, const char *name, op_fn op, srtp_ssrc_type_t direction,
                    int warmup, int rounds)
{
    struct run r = {p, session(p, direction), 0, 0};
    double rates[MAX_ROUNDS];
    for (int round = 0; round < warmup + rounds; round++) {
        long packets = 0;
        double start = now(), end;
        do {
            for (int i = 0; i < 256; i++) {
                op(&r);
            }
            packets += 256;
            end = now();
        } while (end - start < round_seconds);
        if (round >= warmup) {
            rates[round - warmup] = packets / (end - start);
        }
    }
    srtp_dealloc(r.s);
    double sorted[MAX_ROUNDS];
    memcpy(sorted, rates, sizeof(double) * rounds);
    qsort(sorted, rounds, sizeof(double), compare_doubles);
    double median = rounds % 2 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
    printf("%-24s %-15s %12.0f packets/s  rounds:", p->name, name, median);
    for (int i = 0; i < rounds; i++) {
        printf(" %.0f", rates[i]);
    }
    printf("\n");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    int warmup = argc > 2 ? atoi(argv[2]) : 1;
    if (rounds < 1 || rounds > MAX_ROUNDS || warmup < 0) {
        fprintf(stderr, "usage: libsrtp_bench [rounds (1-%d) [warm-up rounds [profile ...]]]\n", MAX_ROUNDS);
        return 2;
    }
    check(srtp_init(), "srtp_init", "-");
    printf("# %s, %d x %.0f s rounds after %d warm-up, ring of %d packets\n", srtp_get_version_string(), rounds,
           round_seconds, warmup, RING);

    for (size_t i = 0; i < sizeof(master); i++) {
        master[i] = next_byte();
    }
    rtp_template[0] = 0x80;
    rtp_template[1] = 96;
    put32(rtp_template + 4, 0x01020304u);
    put32(rtp_template + 8, SSRC);
    for (int i = RTP_HEADER; i < RTP_LENGTH; i++) {
        rtp_template[i] = next_byte();
    }
    /* SR with one report block (52 bytes), SDES with a 16-character CNAME (28 bytes). */
    rtcp_template[0] = 0x81;
    rtcp_template[1] = 200;
    rtcp_template[3] = 12;
    put32(rtcp_template + 4, SSRC);
    for (int i = 8; i < 52; i++) {
        rtcp_template[i] = next_byte();
    }
    rtcp_template[52] = 0x81;
    rtcp_template[53] = 202;
    rtcp_template[55] = 6;
    put32(rtcp_template + 56, SSRC);
    rtcp_template[60] = 1;
    rtcp_template[61] = 16;
    for (int i = 62; i < 78; i++) {
        rtcp_template[i] = (unsigned char)('a' + next_byte() % 26);
    }
    ring = malloc((size_t)RING * (RTP_LENGTH + ROOM));
    if (ring == NULL) {
        return 1;
    }

    for (size_t k = 0; k < sizeof(profiles) / sizeof(profiles[0]); k++) {
        const struct profile *p = &profiles[k];
        int wanted = argc <= 3;
        for (int a = 3; a < argc; a++) {
            wanted |= strcmp(argv[a], p->name) == 0;
        }
        if (!wanted) {
            continue;
        }
        srtp_policy_t probe;
        memset(&probe, 0, sizeof(probe));
        p->rtp(&probe.rtp);
        p->rtcp(&probe.rtcp);
        probe.ssrc.type = ssrc_any_outbound;
        probe.key = master;
        probe.window_size = 128;
        srtp_t s;
        srtp_err_status_t status = srtp_create(&s, &probe);
        if (status != srtp_err_status_ok) {
            printf("%-24s not supported by this libsrtp (srtp_create: %d)\n", p->name, (int)status);
            continue;
        }
        srtp_dealloc(s);
        measure(p, "rtp_protect", rtp_protect, ssrc_any_outbound, warmup, rounds);
        fill_ring(p, 0);
        measure(p, "rtp_unprotect", rtp_unprotect, ssrc_any_inbound, warmup, rounds);
        if (p->rtcp_too) {
            measure(p, "rtcp_protect", rtcp_protect, ssrc_any_outbound, warmup, rounds);
            fill_ring(p, 1);
            measure(p, "rtcp_unprotect", rtcp_unprotect, ssrc_any_inbound, warmup, rounds);
        }
    }
    free(ring);
    return 0;
}
