/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libshm: Linux userspace access to Shyper's shared memory regions
 * (Documentation/communication.md). A region is found by name in
 * /proc/device-tree (a "shyper,shmem-v1" node) and mapped with its
 * doorbell page through /dev/mem; no kernel driver is involved.
 */
#ifndef SHM_H
#define SHM_H

#include <stdint.h>
#include "shm-proto.h"

#define SHM_MAX_PEERS 8

/**
 * struct shm_region - one mapped region
 * @mem: the region, @size bytes
 * @bell: its doorbell page (SHMEM_DB_* registers)
 * @self: this VM's id; @peer: the VMs it may ring
 */
struct shm_region {
	char name[32];
	char access[16];
	uint64_t base, size, bell_base;
	uint32_t irq;
	uint32_t self;
	unsigned int nr_peers;
	uint32_t peer[SHM_MAX_PEERS];
	volatile uint32_t *mem;
	volatile uint32_t *bell;
};

/** shm_find() - read region @name (NULL: the @index-th) from the DT; 0 or -1. */
int shm_find(const char *name, unsigned int index, struct shm_region *r);

/** shm_map() - map a found region and its doorbell; 0 or a negative errno. */
int shm_map(struct shm_region *r);

/** shm_ring() - notify VM @peer. */
void shm_ring(struct shm_region *r, uint32_t peer);

/** shm_count() - rings received so far. */
uint32_t shm_count(const struct shm_region *r);

/** shm_ack() - lower this VM's doorbell interrupt. */
void shm_ack(struct shm_region *r);

/**
 * shm_wait() - wait until the ring count differs from @seen, polling the
 * doorbell page (stock kernels have no driver to block on)
 * Return: the new count, or @seen after @timeout_ms.
 */
uint32_t shm_wait(const struct shm_region *r, uint32_t seen, uint64_t timeout_ms);

/** shm_now_ms() - a monotonic clock in milliseconds. */
uint64_t shm_now_ms(void);

#endif
