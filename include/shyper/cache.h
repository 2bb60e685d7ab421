/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory that Shyper writes for a guest (Documentation/memory.md). A guest
 * starts with its MMU and caches off, so on arm64 its first accesses
 * bypass the caches that Shyper's writes went into: everything Shyper
 * writes into a guest's RAM is cleaned to the point of coherency, and the
 * instruction caches invalidated, before a vCPU of that guest runs.
 */
#ifndef SHYPER_CACHE_H
#define SHYPER_CACHE_H

#include <shyper/types.h>

/**
 * cache_arch_sync_guest() - make [base, base + size), just written by this
 * CPU, visible to a guest's uncached data accesses and instruction fetches
 * on any CPU
 */
void cache_arch_sync_guest(paddr_t base, u64 size);

/**
 * cache_arch_fetch_guest() - make what a guest stored into [base, base +
 * size) through an uncached mapping visible to this CPU's cached loads
 * (the management VM's staging window, core/vm_create.c); Shyper itself
 * has no dirty line there
 */
void cache_arch_fetch_guest(paddr_t base, u64 size);

/**
 * mem_arch_scrub() - zero [base, base + size) (page aligned) the fastest
 * safe way, visible to uncached accesses like cache_arch_sync_guest()
 */
void mem_arch_scrub(paddr_t base, u64 size);

#endif
