/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The message protocol of the shared memory tools, for any guest (Linux
 * userspace in tools/guest/, the bare-metal test guest): where messages
 * sit in a region, how they are checked, and the test pattern. Only
 * <stdint.h> and the doorbell ABI (include/shyper/shmem_abi.h).
 *
 * A region holds two slots: SHM_SLOT_REQUEST written by the side that
 * starts a round, SHM_SLOT_REPLY by the side that answers. A message is a
 * sequence number, SHM_MSG_WORDS payload words derived from it, and an
 * FNV-1a checksum over both; a round is "write the message, ring the
 * peer, wait for its ring, check its reply".
 */
#ifndef SHM_PROTO_H
#define SHM_PROTO_H

#include <stdint.h>
#include <shyper/shmem_abi.h>

#define SHM_SLOT_REQUEST 0x000
#define SHM_SLOT_REPLY 0x100
#define SHM_MSG_WORDS 16
#define SHM_PATTERN_WORDS 64

/* Orders the region's words against the doorbell's (both guests' sides). */
static inline void shm_barrier(void)
{
#ifdef __aarch64__
	__asm__ volatile("dsb sy" ::: "memory");
#else
	__asm__ volatile("fence rw, rw" ::: "memory");
#endif
}

/* Word @i of the test pattern a writer puts at the start of a region. */
static inline uint32_t shm_pattern(uint32_t i)
{
	return (i + 1) * 0x9e3779b1U ^ 0x53484d21U; /* "SHM!" */
}

static inline uint32_t shm_payload(uint32_t seq, uint32_t i)
{
	return seq * 0x01000193U + i * 0x9e3779b1U;
}

/* FNV-1a over the sequence number and the payload of the message at @m. */
static inline uint32_t shm_checksum(const volatile uint32_t *m)
{
	uint32_t sum = 0x811c9dc5U, i;

	for (i = 0; i < SHM_MSG_WORDS + 1; i++)
		sum = (sum ^ m[i]) * 0x01000193U;
	return sum;
}

static inline void shm_msg_put(volatile uint32_t *m, uint32_t seq)
{
	uint32_t i;

	m[0] = seq;
	for (i = 0; i < SHM_MSG_WORDS; i++)
		m[1 + i] = shm_payload(seq, i);
	m[1 + SHM_MSG_WORDS] = shm_checksum(m);
}

/* 0 when the message at @m is message @seq, intact. */
static inline int shm_msg_check(const volatile uint32_t *m, uint32_t seq)
{
	uint32_t i;

	if (m[0] != seq || m[1 + SHM_MSG_WORDS] != shm_checksum(m))
		return -1;
	for (i = 0; i < SHM_MSG_WORDS; i++)
		if (m[1 + i] != shm_payload(seq, i))
			return -1;
	return 0;
}

#endif
