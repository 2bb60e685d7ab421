// SPDX-License-Identifier: GPL-2.0-only
/*
 * libshm (tools/guest/shm.h): regions from /proc/device-tree, mapped
 * through /dev/mem. The region and its doorbell lie outside the guest's
 * RAM and no driver claims the node, so /dev/mem allows the mapping even
 * with STRICT_DEVMEM and IO_STRICT_DEVMEM; it is uncached, as for any
 * MMIO, which keeps it coherent with a peer whose caches are off.
 */
#include "shm.h"
#include "sys.h"
#include "util.h"

/* Fill @r from DT node @node (2-cell addresses and sizes, as Shyper writes them). */
static int read_node(const char *node, struct shm_region *r)
{
	unsigned char buf[64];
	char compat[32] = {0};
	long n;
	unsigned int i;

	if (dt_prop(node, "compatible", compat, sizeof(compat) - 1) <= 0 ||
	    !str_eq(compat, SHMEM_GUEST_COMPATIBLE))
		return -1;
	if (dt_prop(node, "shyper,region", r->name, sizeof(r->name) - 1) <= 0 ||
	    dt_prop(node, "shyper,access", r->access, sizeof(r->access) - 1) <= 0)
		return -1;
	if (dt_prop(node, "reg", buf, sizeof(buf)) != 32)
		return -1;
	r->base = be64(buf);
	r->size = be64(buf + 8);
	r->bell_base = be64(buf + 16);
	if (dt_prop(node, "shyper,vm-id", buf, 4) != 4)
		return -1;
	r->self = be32(buf);
	n = dt_prop(node, "shyper,peers", buf, sizeof(buf));
	for (i = 0; n > 0 && i < (unsigned int)n / 4 && i < SHM_MAX_PEERS; i++)
		r->peer[i] = be32(buf + 4 * i);
	r->nr_peers = i;
	n = dt_prop(node, "interrupts", buf, sizeof(buf));
	r->irq = n == 4 ? be32(buf) : n >= 8 ? be32(buf + 4) + 32 : 0;
	return 0;
}

struct shm_query {
	const char *name; /* or NULL: the @index-th region */
	unsigned int index;
	struct shm_region *r;
};

static int match_region(const char *node, void *ctx)
{
	struct shm_query *q = ctx;

	*q->r = (struct shm_region){0};
	if (read_node(node, q->r))
		return -1;
	return (q->name ? str_eq(q->r->name, q->name) : !q->index--) ? 0 : -1;
}

int shm_find(const char *name, unsigned int index, struct shm_region *r)
{
	struct shm_query q = {name, index, r};

	return dt_find_node("shmem@", match_region, &q);
}

static void *map(long fd, uint64_t base, uint64_t size)
{
	long p =
	    sys_call6(SYS_mmap, 0, (long)size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (long)base);

	return p < 0 && p > -4096 ? 0 : (void *)p;
}

int shm_map(struct shm_region *r)
{
	long fd = sys_call(SYS_openat, AT_FDCWD, "/dev/mem", O_RDWR | O_SYNC);

	if (fd < 0)
		return (int)fd;
	/* Even a read-only region is mapped writable: stage 2 is what enforces it. */
	r->mem = map(fd, r->base, r->size);
	r->bell = map(fd, r->bell_base, 4096);
	sys_call(SYS_close, fd, 0, 0);
	return r->mem && r->bell ? 0 : -1;
}

void shm_ring(struct shm_region *r, uint32_t peer)
{
	shm_barrier(); /* the message is in the region before the peer hears of it */
	r->bell[SHMEM_DB_RING / 4] = peer;
}

uint32_t shm_count(const struct shm_region *r)
{
	return r->bell[SHMEM_DB_COUNT / 4];
}

void shm_ack(struct shm_region *r)
{
	r->bell[SHMEM_DB_ACK / 4] = 1;
}

uint64_t shm_now_ms(void)
{
	struct k_timespec ts = {0, 0};

	sys_call(SYS_clock_gettime, CLOCK_MONOTONIC, &ts, 0);
	return (uint64_t)ts.sec * 1000 + (uint64_t)ts.nsec / 1000000;
}

uint32_t shm_wait(const struct shm_region *r, uint32_t seen, uint64_t timeout_ms)
{
	uint64_t end = shm_now_ms() + timeout_ms;
	uint32_t now, spins = 0;

	while ((now = shm_count(r)) == seen) {
		if (++spins % 1024 == 0 && shm_now_ms() > end)
			break;
	}
	shm_barrier();
	return now;
}
