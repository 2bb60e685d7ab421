/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef GUEST_SHMEM_H
#define GUEST_SHMEM_H

#include "fdt_mini.h"

/* The modes of shmem.c; they return when done or failed ("shmem-echo" only on failure). */
void shmem_main(const struct fdt_info *info);
void shmem_echo_main(const struct fdt_info *info);
void shmem_outsider_main(const struct fdt_info *info);

/* The bench's doorbell round trip (bench.c): 0 when the echo peer is there. */
int shmem_bench_init(const struct fdt_info *info);
uint64_t shmem_bench_roundtrip(void);

#endif
