// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMSAv8-64 descriptors of the EL2 stage-1 regime, 4 KiB granule (Arm ARM
 * D8.3 "Translation table descriptor formats", D8.4.1 "Stage 1 data access
 * permissions": in a regime with one privilege level AP[1] is RES1, AP[2]
 * selects read-only; bit 54 is XN). Pure data, also built for the host.
 */
#include <shyper/pgtable.h>
#include <asm/pgtable.h>

#define DESC_TABLE (1ULL << 1) /* table above level 0, page at level 0 */
#define DESC_ATTRIDX(i) ((u64)(i) << 2)
#define DESC_AP_RW (1ULL << 6) /* AP = 0b01 */
#define DESC_AP_RO (3ULL << 6) /* AP = 0b11 */
#define DESC_SH_INNER (3ULL << 8)
#define DESC_AF (1ULL << 10)
#define DESC_XN (1ULL << 54)
#define DESC_ADDR_MASK 0x0000fffffffff000ULL

static u64 el2_leaf(paddr_t pa, unsigned int flags, unsigned int level)
{
	u64 d = (pa & DESC_ADDR_MASK) | PT_VALID | DESC_AF;

	d |= flags & PT_WRITE ? DESC_AP_RW : DESC_AP_RO;
	d |= flags & PT_DEVICE ? DESC_ATTRIDX(MAIR_IDX_DEVICE)
			       : DESC_ATTRIDX(MAIR_IDX_NORMAL) | DESC_SH_INNER;
	if (!(flags & PT_EXEC) || (flags & (PT_WRITE | PT_DEVICE)))
		d |= DESC_XN; /* W^X, and never execute from a device */
	return level ? d : d | DESC_TABLE;
}

static u64 arm64_table(paddr_t table_pa)
{
	return (table_pa & DESC_ADDR_MASK) | DESC_TABLE | PT_VALID;
}

static bool arm64_is_table(u64 pte, unsigned int level)
{
	return level && (pte & DESC_TABLE);
}

static paddr_t arm64_addr(u64 pte)
{
	return pte & DESC_ADDR_MASK;
}

/* A block's attributes carry over; a page also needs bit 1. */
static u64 arm64_child(u64 block, unsigned int level, unsigned int index)
{
	u64 d = block + ((u64)index << PT_LEVEL_SHIFT(level - 1));

	return level == 1 ? d | DESC_TABLE : d;
}

const struct pt_format arm64_el2_format[2] = {
    {.levels = 3, .max_leaf_level = 2, .leaf = el2_leaf, .table = arm64_table,
     .is_table = arm64_is_table, .addr = arm64_addr, .child = arm64_child},
    {.levels = 4, .max_leaf_level = 2, .leaf = el2_leaf, .table = arm64_table,
     .is_table = arm64_is_table, .addr = arm64_addr, .child = arm64_child},
};

void arm64_va_layout(unsigned int pa_bits, const struct pt_format **fmt,
		     unsigned int *root_entries, u64 *limit)
{
	unsigned int levels = pa_bits > 39 ? 4 : 3;

	*fmt = &arm64_el2_format[levels - 3];
	*root_entries = 1U << (pa_bits - PT_LEVEL_SHIFT(levels - 1));
	*limit = 1ULL << pa_bits;
}
