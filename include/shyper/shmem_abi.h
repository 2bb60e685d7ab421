/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest ABI of shared memory doorbells (Documentation/communication.md):
 * plain #defines, included by the hypervisor (include/shyper/shmem.h) and
 * by guest code (tools/guest/, tests/guests/baremetal/) alike.
 *
 * Doorbell page registers, 32-bit accesses only; other offsets read as
 * zero and ignore writes.
 */
#ifndef SHYPER_SHMEM_ABI_H
#define SHYPER_SHMEM_ABI_H

#define SHMEM_DB_RING 0x00 /* W: VM id of the peer to notify */
#define SHMEM_DB_COUNT 0x04 /* R: rings received, wraps at 2^32 */
#define SHMEM_DB_ACK 0x08 /* W: lower this VM's doorbell interrupt */
#define SHMEM_DB_SELF 0x0c /* R: this VM's id */
#define SHMEM_DB_LAST 0x10 /* R: VM id of the last peer that rang */
#define SHMEM_DB_MAGIC 0x14 /* R: SHMEM_DB_MAGIC_VALUE */
#define SHMEM_DB_MAGIC_VALUE 0x53484442 /* "SHDB" */

/* The guest DT node's compatible: no Linux driver claims it. */
#define SHMEM_GUEST_COMPATIBLE "shyper,shmem-v1"

#endif
