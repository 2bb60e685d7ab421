// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sv39 / Sv48 descriptors (RISC-V privileged spec, 4.4.1 and 4.5: V R W X U
 * G A D, PPN from bit 10; a valid entry with R = W = X = 0 points at the
 * next level) for Shyper's own HS-mode tables, and the same layout for
 * G-stage Sv39x4 / Sv48x4 (8.5.1: every G-stage access counts as a U-mode
 * access, so leaves have U; the root has 2048 entries). A and D are set up
 * front so that no hart has to update them. Pure data, also built for the
 * host.
 */
#include <shyper/pgtable.h>
#include <asm/pgtable.h>

#define PTE_R (1ULL << 1)
#define PTE_W (1ULL << 2)
#define PTE_X (1ULL << 3)
#define PTE_U (1ULL << 4)
#define PTE_G (1ULL << 5)
#define PTE_A (1ULL << 6)
#define PTE_D (1ULL << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK (((1ULL << 44) - 1) << PTE_PPN_SHIFT)

static u64 ppn_of(paddr_t pa)
{
	return (pa >> 12) << PTE_PPN_SHIFT;
}

static u64 sv_leaf(paddr_t pa, unsigned int flags, unsigned int level)
{
	u64 pte = ppn_of(pa) | PT_VALID | PTE_R | PTE_G | PTE_A | PTE_D;

	if (flags & PT_WRITE)
		pte |= PTE_W;
	else if ((flags & PT_EXEC) && !(flags & PT_DEVICE))
		pte |= PTE_X; /* W^X, and never execute from a device */
	return pte;
}

/* Guest RAM is read-write-execute; devices are never executable. */
static u64 gstage_leaf(paddr_t pa, unsigned int flags, unsigned int level)
{
	u64 pte = ppn_of(pa) | PT_VALID | PTE_U | PTE_A | PTE_D;

	pte |= (flags & PT_READ ? PTE_R : 0) | (flags & PT_WRITE ? PTE_W : 0);
	if ((flags & PT_EXEC) && !(flags & PT_DEVICE))
		pte |= PTE_X;
	return pte;
}

static u64 sv_table(paddr_t table_pa)
{
	return ppn_of(table_pa) | PT_VALID;
}

static bool sv_is_table(u64 pte, unsigned int level)
{
	return !(pte & (PTE_R | PTE_W | PTE_X));
}

static paddr_t sv_addr(u64 pte)
{
	return ((pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12;
}

static u64 sv_child(u64 block, unsigned int level, unsigned int index)
{
	return block + ppn_of((u64)index << PT_LEVEL_SHIFT(level - 1));
}

#define SV_FORMAT(leaf_fn, nr_levels)                                                         \
	{                                                                                     \
		.levels = nr_levels, .max_leaf_level = 2, .leaf = leaf_fn, .table = sv_table, \
		.is_table = sv_is_table, .addr = sv_addr, .child = sv_child                   \
	}

static const struct pt_format sv_format[2] = {SV_FORMAT(sv_leaf, 3), SV_FORMAT(sv_leaf, 4)};
static const struct pt_format gstage_format[2] = {SV_FORMAT(gstage_leaf, 3),
						  SV_FORMAT(gstage_leaf, 4)};

void riscv_sv_layout(unsigned int levels, struct pt *pt)
{
	pt->fmt = &sv_format[levels - 3];
	pt->root_entries = 512;
	/* Identity map: the VA must also be canonical (bit 38 / 47 clear). */
	pt->limit = 1ULL << (PT_LEVEL_SHIFT(levels - 1) + 8);
}

void riscv_gstage_layout(unsigned int levels, struct pt *pt)
{
	pt->fmt = &gstage_format[levels - 3];
	pt->root_entries = 2048; /* the "x4": two more address bits at the root */
	pt->limit = 1ULL << (PT_LEVEL_SHIFT(levels - 1) + 11);
}
