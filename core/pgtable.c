// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page-table walker (include/shyper/pgtable.h). It runs before the
 * MMU is on (Shyper's own tables are built with it), so it touches only
 * aligned descriptors and takes no lock; callers serialise.
 */
#include <shyper/errno.h>
#include <shyper/pgtable.h>

#define ENTRIES 512

static unsigned int index_of(const struct pt *pt, u64 va, unsigned int level)
{
	u64 idx = va >> PT_LEVEL_SHIFT(level);

	return level == pt->fmt->levels - 1 ? idx % pt->root_entries : idx % ENTRIES;
}

static bool is_valid(u64 pte)
{
	return pte & PT_VALID;
}

static u64 *table_at(const struct pt *pt, u64 pte)
{
	return (u64 *)(uintptr_t)pt->fmt->addr(pte);
}

static bool can_be_block(const struct pt *pt, unsigned int level, u64 va, paddr_t pa, u64 size)
{
	u64 span = 1ULL << PT_LEVEL_SHIFT(level);

	return level <= pt->fmt->max_leaf_level && size >= span && IS_ALIGNED(va, span) &&
	       IS_ALIGNED(pa, span);
}

/* The table under @entry, made if the entry is empty. */
static u64 *next_table(struct pt *pt, u64 *entry)
{
	u64 *table;

	if (is_valid(*entry))
		return table_at(pt, *entry);
	table = pt->alloc();
	if (table)
		*entry = pt->fmt->table((uintptr_t)table);
	return table;
}

static int map_level(struct pt *pt, u64 *table, unsigned int level, u64 va, paddr_t pa, u64 size,
		     unsigned int flags)
{
	u64 span = 1ULL << PT_LEVEL_SHIFT(level);

	while (size) {
		u64 *entry = &table[index_of(pt, va, level)];
		u64 chunk = span - (va & (span - 1));
		int err = 0;

		if (chunk > size)
			chunk = size;
		if (!is_valid(*entry) && can_be_block(pt, level, va, pa, chunk))
			*entry = pt->fmt->leaf(pa, flags, level);
		else if (level && (!is_valid(*entry) || pt->fmt->is_table(*entry, level))) {
			u64 *next = next_table(pt, entry);

			err = next ? map_level(pt, next, level - 1, va, pa, chunk, flags) : -ENOMEM;
		}
		/* else: a leaf is there already and stays. */
		if (err)
			return err;
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_map(struct pt *pt, u64 va, paddr_t pa, u64 size, unsigned int flags)
{
	u64 start = ALIGN_DOWN(va, PAGE_SIZE);
	u64 end = ALIGN_UP(va + size, PAGE_SIZE);

	if (end < start || end > pt->limit)
		return -ERANGE;
	return map_level(pt, pt->root, pt->fmt->levels - 1, start, ALIGN_DOWN(pa, PAGE_SIZE),
			 end - start, flags);
}

/* Replace a live descriptor: break, invalidate, make. */
static void replace(struct pt *pt, u64 *entry, u64 value, u64 va)
{
	*entry = 0;
	if (pt->invalidate)
		pt->invalidate(va);
	*entry = value;
}

/* Turn the block at @entry (level @level) into a table of the same mappings. */
static u64 *split_block(struct pt *pt, u64 *entry, unsigned int level, u64 va)
{
	u64 *table = pt->alloc();
	unsigned int i;

	if (!table)
		return NULL;
	for (i = 0; i < ENTRIES; i++)
		table[i] = pt->fmt->child(*entry, level, i);
	replace(pt, entry, pt->fmt->table((uintptr_t)table),
		ALIGN_DOWN(va, 1ULL << PT_LEVEL_SHIFT(level)));
	return table;
}

int pt_unmap_page(struct pt *pt, u64 va)
{
	u64 *table = pt->root;
	unsigned int level;

	for (level = pt->fmt->levels - 1; level; level--) {
		u64 *entry = &table[index_of(pt, va, level)];

		if (!is_valid(*entry))
			return -ENOENT;
		table = pt->fmt->is_table(*entry, level) ? table_at(pt, *entry)
							 : split_block(pt, entry, level, va);
		if (!table)
			return -ENOMEM;
	}
	table = &table[index_of(pt, va, 0)];
	if (!is_valid(*table))
		return -ENOENT;
	replace(pt, table, 0, ALIGN_DOWN(va, PAGE_SIZE));
	return 0;
}

static void free_level(const struct pt *pt, u64 *table, unsigned int level, unsigned int entries,
		       void (*free_table)(u64 *table))
{
	unsigned int i;

	for (i = 0; level && i < entries; i++) {
		u64 *next;

		if (!is_valid(table[i]) || !pt->fmt->is_table(table[i], level))
			continue;
		next = table_at(pt, table[i]);
		free_level(pt, next, level - 1, ENTRIES, free_table);
		table[i] = 0;
		free_table(next);
	}
}

void pt_free_tables(const struct pt *pt, void (*free_table)(u64 *table))
{
	free_level(pt, pt->root, pt->fmt->levels - 1, pt->root_entries, free_table);
}

int pt_lookup(const struct pt *pt, u64 va, u64 *pte, unsigned int *level)
{
	const u64 *table = pt->root;
	unsigned int l;

	for (l = pt->fmt->levels - 1;; l--) {
		u64 e = table[index_of(pt, va, l)];

		if (!is_valid(e))
			return -ENOENT;
		if (!l || !pt->fmt->is_table(e, l)) {
			*pte = e;
			*level = l;
			return 0;
		}
		table = table_at(pt, e);
	}
}
