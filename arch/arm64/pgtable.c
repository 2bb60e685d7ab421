// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMSAv8-64 descriptors, 4 KiB granule (Arm ARM D8.3 "Translation table
 * descriptor formats"): the EL2 stage-1 regime (D8.4.1: in a regime with
 * one privilege level AP[1] is RES1, AP[2] selects read-only; bit 54 is
 * XN) and stage 2 (D8.4.2: S2AP[1:0] write/read, MemAttr[3:0] in place of
 * AttrIndx, XN[1] at bit 54 forbids execution at EL1 and EL0). Pure data,
 * also built for the host.
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
#define S2_AP_R (1ULL << 6)
#define S2_AP_W (1ULL << 7)
#define S2_MEMATTR_DEVICE (0x1ULL << 2) /* Device-nGnRE */
#define S2_MEMATTR_NORMAL (0xfULL << 2) /* outer and inner write-back */
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

/* Guest RAM is read-write-execute; devices are never executable. */
static u64 s2_leaf(paddr_t pa, unsigned int flags, unsigned int level)
{
	u64 d = (pa & DESC_ADDR_MASK) | PT_VALID | DESC_AF;

	d |= (flags & PT_READ ? S2_AP_R : 0) | (flags & PT_WRITE ? S2_AP_W : 0);
	d |= flags & PT_DEVICE ? S2_MEMATTR_DEVICE : S2_MEMATTR_NORMAL | DESC_SH_INNER;
	if (!(flags & PT_EXEC) || (flags & PT_DEVICE))
		d |= DESC_XN;
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

#define ARM64_FORMAT(leaf_fn, nr_levels)                                                         \
	{                                                                                        \
		.levels = nr_levels, .max_leaf_level = 2, .leaf = leaf_fn, .table = arm64_table, \
		.is_table = arm64_is_table, .addr = arm64_addr, .child = arm64_child             \
	}

static const struct pt_format el2_format[2] = {ARM64_FORMAT(el2_leaf, 3),
					       ARM64_FORMAT(el2_leaf, 4)};
static const struct pt_format s2_format[2] = {ARM64_FORMAT(s2_leaf, 3), ARM64_FORMAT(s2_leaf, 4)};

/* 4 KiB granule: 3 levels cover 39 bits, a 4th level the rest (up to 48). */
static void layout(unsigned int bits, const struct pt_format *formats, struct pt *pt)
{
	unsigned int levels = bits > 39 ? 4 : 3;

	pt->fmt = &formats[levels - 3];
	pt->root_entries = 1U << (bits - PT_LEVEL_SHIFT(levels - 1));
	pt->limit = 1ULL << bits;
}

void arm64_el2_layout(unsigned int pa_bits, struct pt *pt)
{
	layout(pa_bits, el2_format, pt);
}

void arm64_s2_layout(unsigned int ipa_bits, struct pt *pt)
{
	layout(ipa_bits, s2_format, pt);
}
