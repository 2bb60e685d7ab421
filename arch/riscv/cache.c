// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V caches are coherent with every access, translated or not (the
 * physical memory attributes decide), so making guest memory visible only
 * needs ordering; instruction fetch is synchronised by the fence.i each
 * hart executes before it enters a vCPU (arch/riscv/vm.c).
 */
#include <shyper/cache.h>

void cache_arch_sync_guest(paddr_t base, u64 size)
{
	__asm__ volatile("fence rw, rw" : : : "memory");
}

void cache_arch_fetch_guest(paddr_t base, u64 size)
{
	__asm__ volatile("fence rw, rw" : : : "memory");
}

void mem_arch_scrub(paddr_t base, u64 size)
{
	u64 *p = (u64 *)(uintptr_t)base, *end = (u64 *)(uintptr_t)(base + size);

	for (; p < end; p += 8) {
		p[0] = 0;
		p[1] = 0;
		p[2] = 0;
		p[3] = 0;
		p[4] = 0;
		p[5] = 0;
		p[6] = 0;
		p[7] = 0;
	}
	__asm__ volatile("fence rw, rw" : : : "memory");
}
