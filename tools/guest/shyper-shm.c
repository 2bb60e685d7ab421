// SPDX-License-Identifier: GPL-2.0-only
/*
 * shyper-shm: shared memory and doorbells from a Linux guest's shell
 * (Documentation/communication.md). Statically linked, no C library.
 *
 *   shyper-shm list                        regions in this VM's DT
 *   shyper-shm send REGION [PEER]          ring PEER (default: the first peer)
 *   shyper-shm wait REGION [SECONDS]       wait for the next ring
 *   shyper-shm pattern REGION              check the test pattern (shm-proto.h)
 *   shyper-shm write REGION OFFSET VALUE   store a word; says whether it faulted
 *   shyper-shm pong REGION ROUNDS          answer ROUNDS rounds (rings first: "ready")
 *   shyper-shm ping REGION ROUNDS          start ROUNDS rounds, time them
 *
 * Every output line starts with "shyper-shm: "; the exit status is 0 on
 * success, 1 on a failed check, 2 on bad usage or a region not found.
 */
#include "shm.h"
#include "sys.h"
#include "util.h"

#define TAG "shyper-shm: "
#define ROUND_TIMEOUT_MS 20000

static char n1[24], n2[24], n3[24];

static int usage(void)
{
	out(TAG "usage: shyper-shm list | send REGION [PEER] | wait REGION [SECONDS] | "
		"pattern REGION | write REGION OFFSET VALUE | pong REGION ROUNDS | "
		"ping REGION ROUNDS",
	    NULL);
	return 2;
}

static int open_region(const char *name, struct shm_region *r)
{
	int err;

	if (shm_find(name, 0, r)) {
		out(TAG, name, ": no such region in /proc/device-tree", NULL);
		return 2;
	}
	err = shm_map(r);
	if (err) {
		out(TAG, name, ": cannot map it through /dev/mem (", fmt_u64(n1, (uint64_t)-err, 0),
		    ")", NULL);
		return 2;
	}
	return 0;
}

static int cmd_list(void)
{
	struct shm_region r;
	unsigned int i;

	for (i = 0; !shm_find(0, i, &r); i++)
		out(TAG, r.name, " at ", fmt_u64(n1, r.base, 1), " size ", fmt_u64(n2, r.size, 1),
		    " ", r.access, " doorbell ", fmt_u64(n3, r.bell_base, 1), NULL);
	if (!i)
		out(TAG "no shared memory regions", NULL);
	return 0;
}

static int cmd_send(struct shm_region *r, int argc, char **argv)
{
	uint64_t peer = r->nr_peers ? r->peer[0] : 0;

	if (argc > 3 && parse_u64(argv[3], &peer))
		return usage();
	shm_ring(r, (uint32_t)peer);
	out(TAG, r->name, ": rang VM ", fmt_u64(n1, peer, 0), NULL);
	return 0;
}

static int cmd_wait(struct shm_region *r, int argc, char **argv)
{
	uint64_t seconds = 10;
	uint32_t seen = shm_count(r), now;

	if (argc > 3 && parse_u64(argv[3], &seconds))
		return usage();
	now = shm_wait(r, seen, seconds * 1000);
	if (now == seen) {
		out(TAG, r->name, ": no ring in ", fmt_u64(n1, seconds, 0), " s", NULL);
		return 1;
	}
	shm_ack(r);
	out(TAG, r->name, ": rung by VM ", fmt_u64(n1, r->bell[SHMEM_DB_LAST / 4], 0), ", count ",
	    fmt_u64(n2, now, 0), NULL);
	return 0;
}

static int cmd_pattern(struct shm_region *r)
{
	uint32_t i;

	for (i = 0; i < SHM_PATTERN_WORDS; i++)
		if (r->mem[i] != shm_pattern(i)) {
			out(TAG, r->name, ": pattern MISMATCH at word ", fmt_u64(n1, i, 0), NULL);
			return 1;
		}
	out(TAG, r->name, ": pattern of ", fmt_u64(n1, SHM_PATTERN_WORDS, 0), " words intact",
	    NULL);
	return 0;
}

static const char *write_region;

static void on_fault(int sig)
{
	out(TAG, write_region, ": write faulted (signal ", fmt_u64(n1, (uint64_t)sig, 0), ")",
	    NULL);
	sys_exit(0);
}

/* The store either faults (the handler reports it and exits) or lands. */
static int cmd_write(struct shm_region *r, int argc, char **argv)
{
	struct k_sigaction sa = {.handler = on_fault};
	uint64_t off, val;

	if (argc < 5 || parse_u64(argv[3], &off) || parse_u64(argv[4], &val) || off % 4 ||
	    off >= r->size)
		return usage();
	write_region = r->name;
	sys_call6(SYS_rt_sigaction, SIGBUS, (long)&sa, 0, 8, 0, 0);
	sys_call6(SYS_rt_sigaction, SIGSEGV, (long)&sa, 0, 8, 0, 0);
	r->mem[off / 4] = (uint32_t)val;
	__asm__ volatile("" ::: "memory");
	out(TAG, r->name, ": write done, reads back ", fmt_u64(n1, r->mem[off / 4], 1), NULL);
	return 0;
}

static int fail_round(const struct shm_region *r, const char *what, uint32_t seq)
{
	out(TAG, r->name, ": ", what, " in round ", fmt_u64(n1, seq, 0), NULL);
	return 1;
}

/* Answer @rounds requests: check each, reply with the same sequence number. */
static int cmd_pong(struct shm_region *r, uint64_t rounds)
{
	uint32_t seen = shm_count(r), seq;

	shm_ring(r, r->peer[0]); /* "ready" */
	for (seq = 1; seq <= rounds; seq++) {
		uint32_t now = shm_wait(r, seen, ROUND_TIMEOUT_MS);

		if (now == seen)
			return fail_round(r, "no request", seq);
		seen = now;
		shm_ack(r);
		if (shm_msg_check(r->mem + SHM_SLOT_REQUEST / 4, seq))
			return fail_round(r, "bad request (sequence or checksum)", seq);
		shm_msg_put(r->mem + SHM_SLOT_REPLY / 4, seq);
		shm_ring(r, r->peer[0]);
	}
	out(TAG, r->name, ": pong ", fmt_u64(n1, rounds, 0), " rounds ok", NULL);
	return 0;
}

static int cmd_ping(struct shm_region *r, uint64_t rounds)
{
	uint32_t seen = shm_count(r), seq;
	uint64_t start = shm_now_ms();

	for (seq = 1; seq <= rounds; seq++) {
		uint32_t now;

		shm_msg_put(r->mem + SHM_SLOT_REQUEST / 4, seq);
		shm_ring(r, r->peer[0]);
		now = shm_wait(r, seen, ROUND_TIMEOUT_MS);
		if (now == seen)
			return fail_round(r, "no reply", seq);
		seen = now;
		shm_ack(r);
		if (shm_msg_check(r->mem + SHM_SLOT_REPLY / 4, seq))
			return fail_round(r, "bad reply (sequence or checksum)", seq);
	}
	out(TAG, r->name, ": ping ", fmt_u64(n1, rounds, 0), " rounds ok in ",
	    fmt_u64(n2, shm_now_ms() - start, 0), " ms", NULL);
	return 0;
}

int main(int argc, char **argv)
{
	struct shm_region r;
	uint64_t rounds = 0;
	int err;

	if (argc < 2)
		return usage();
	if (str_eq(argv[1], "list"))
		return cmd_list();
	if (argc < 3)
		return usage();
	err = open_region(argv[2], &r);
	if (err)
		return err;
	if (str_eq(argv[1], "send"))
		return cmd_send(&r, argc, argv);
	if (str_eq(argv[1], "wait"))
		return cmd_wait(&r, argc, argv);
	if (str_eq(argv[1], "pattern"))
		return cmd_pattern(&r);
	if (str_eq(argv[1], "write"))
		return cmd_write(&r, argc, argv);
	if (argc < 4 || parse_u64(argv[3], &rounds) || !rounds || !r.nr_peers)
		return usage();
	if (str_eq(argv[1], "pong"))
		return cmd_pong(&r, rounds);
	if (str_eq(argv[1], "ping"))
		return cmd_ping(&r, rounds);
	return usage();
}
