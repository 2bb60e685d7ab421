/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One page-table walker for every translation table Shyper builds. The
 * walk (4 KiB granule, 9 bits per level, blocks where alignment allows,
 * splitting a block to unmap a page inside it) is the same on VMSAv8-64
 * and RISC-V Sv39/Sv48; only the descriptor layout differs, and that is
 * what an architecture describes in a struct pt_format.
 *
 * Levels are numbered from the leaf: level 0 maps 4 KiB, level 1 2 MiB,
 * level 2 1 GiB. Bit 0 of a descriptor is "valid" in both architectures.
 */
#ifndef SHYPER_PGTABLE_H
#define SHYPER_PGTABLE_H

#include <shyper/types.h>

/* Abstract attributes; each format turns them into its own bits. */
#define PT_READ (1U << 0)
#define PT_WRITE (1U << 1)
#define PT_EXEC (1U << 2)
#define PT_DEVICE (1U << 3) /* device memory (Device-nGnRE on arm64) */

#define PT_LEVEL_SHIFT(level) (12 + 9 * (level))
#define PT_VALID 1ULL

/**
 * struct pt_format - one descriptor layout
 * @levels: number of levels (3 or 4): the root is level @levels - 1
 * @max_leaf_level: the highest level that may hold a block (2 = 1 GiB)
 * @leaf: the block/page descriptor mapping @pa at @level with @flags
 * @table: the descriptor pointing at the next-level table @table_pa
 * @is_table: whether valid @pte at @level points at a table
 * @addr: the output address of a valid descriptor
 * @child: entry @index of the table that replaces block @block at @level
 */
struct pt_format {
	unsigned int levels;
	unsigned int max_leaf_level;
	u64 (*leaf)(paddr_t pa, unsigned int flags, unsigned int level);
	u64 (*table)(paddr_t table_pa);
	bool (*is_table)(u64 pte, unsigned int level);
	paddr_t (*addr)(u64 pte);
	u64 (*child)(u64 block, unsigned int level, unsigned int index);
};

/**
 * struct pt - one table tree
 * @root: its root table (identity-addressed, like every table)
 * @root_entries: entries of the root table (512, fewer for a small address
 *                space, 2048 for a RISC-V "x4" G-stage root)
 * @limit: the first address it cannot translate
 * @alloc: returns a zeroed, page-aligned 4 KiB table or NULL
 * @invalidate: drops cached translations of @va after a live change
 *              (the break half of break-before-make); NULL while unused
 */
struct pt {
	u64 *root;
	unsigned int root_entries;
	u64 limit; /* addresses it can translate: [0, limit) */
	const struct pt_format *fmt;
	u64 *(*alloc)(void);
	void (*invalidate)(u64 va);
};

/**
 * pt_map() - map [va, va + size) to [pa, pa + size) where nothing is mapped
 *
 * Pages that are already mapped keep their mapping, so a finer map made
 * first (Shyper's image with its per-section permissions) survives a
 * coarser one made later (all of RAM). Addresses are widened to pages.
 * Return: 0, -ERANGE beyond @pt->limit, or -ENOMEM when the allocator runs dry.
 */
int pt_map(struct pt *pt, u64 va, paddr_t pa, u64 size, unsigned int flags);

/**
 * pt_unmap_page() - make the 4 KiB page at @va invalid, splitting the block
 * that holds it with break-before-make
 * Return: 0, -ENOENT when it was not mapped, -ENOMEM.
 */
int pt_unmap_page(struct pt *pt, u64 va);

/**
 * pt_free_tables() - hand every table under @pt's root to @free_table,
 * leaves first, and empty the root (which stays its owner's); for a tree
 * no CPU walks any more
 */
void pt_free_tables(const struct pt *pt, void (*free_table)(u64 *table));

/**
 * pt_lookup() - the descriptor translating @va
 * Return: 0 with *@pte and *@level, or -ENOENT.
 */
int pt_lookup(const struct pt *pt, u64 va, u64 *pte, unsigned int *level);

#endif
