// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cache maintenance (Arm ARM D7.5) and zeroing. Lines are CTR_EL0.DminLine
 * words long; DC ZVA zeroes DCZID_EL0.BS words at once unless DCZID_EL0.DZP
 * prohibits it (Arm ARM D17.2.35). The maintenance is by VA to the point of
 * coherency, which reaches every cache and every CPU: a guest that runs
 * with its caches off reads memory, not this CPU's cache.
 */
#include <shyper/cache.h>
#include <asm/cache.h>
#include <asm/sysreg.h>

#define DCZID_DZP (1U << 4)

static u64 dcache_line(void)
{
	return 4ULL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

#define DC_RANGE(op, base, size)                                                   \
	do {                                                                       \
		u64 __line = dcache_line(), __a = ALIGN_DOWN((base), __line);      \
		for (; __a < (base) + (size); __a += __line)                       \
			__asm__ volatile("dc " op ", %0" : : "r"(__a) : "memory"); \
		dsb(sy);                                                           \
	} while (0)

void cache_inval_poc(paddr_t base, u64 size)
{
	DC_RANGE("ivac", base, size);
}

void cache_clean_poc(paddr_t base, u64 size)
{
	DC_RANGE("cvac", base, size);
}

void cache_arch_sync_guest(paddr_t base, u64 size)
{
	cache_clean_poc(base, size);
	/* The guest may run the code on another CPU: inner shareable. */
	__asm__ volatile("ic ialluis\n\tdsb ish\n\tisb" : : : "memory");
}

void cache_arch_fetch_guest(paddr_t base, u64 size)
{
	cache_inval_poc(base, size);
}

static u64 zva_block(void)
{
	u64 dczid = read_sysreg(dczid_el0);

	return dczid & DCZID_DZP ? 0 : 4ULL << (dczid & 0xf);
}

/* Four blocks that are also cache lines: zero each, clean each. */
static void zva_clean_4(u64 a, u64 step)
{
	__asm__ volatile("dc zva, %0\n\tdc cvac, %0\n\t"
			 "dc zva, %1\n\tdc cvac, %1\n\t"
			 "dc zva, %2\n\tdc cvac, %2\n\t"
			 "dc zva, %3\n\tdc cvac, %3"
			 :
			 : "r"(a), "r"(a + step), "r"(a + 2 * step), "r"(a + 3 * step)
			 : "memory");
}

/*
 * DC ZVA allocates zeroed lines without reading memory; each line is then
 * cleaned so that a guest with caches off sees zeros, not the old data.
 * Size and base are page aligned, so whole groups of four blocks fit.
 */
void mem_arch_scrub(paddr_t base, u64 size)
{
	u64 block = zva_block(), line = dcache_line(), a;

	if (block != line || !IS_ALIGNED(base | size, 4 * block)) {
		for (a = base; a < base + size; a += 16)
			__asm__ volatile("stp xzr, xzr, [%0]" : : "r"(a) : "memory");
		cache_clean_poc(base, size);
		return;
	}
	for (a = base; a < base + size; a += 4 * block)
		zva_clean_4(a, block);
	dsb(sy);
}
