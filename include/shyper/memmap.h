/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sorted lists of physical ranges: RAM banks, reserved ranges and what is
 * left usable after subtracting one from the other.
 */
#ifndef SHYPER_MEMMAP_H
#define SHYPER_MEMMAP_H

#include <shyper/types.h>

/**
 * struct mem_region - one physical range [base, base + size)
 * @name: what it is, for the summary and for messages (static string)
 */
struct mem_region {
	paddr_t base;
	u64 size;
	const char *name;
};

struct memmap {
	unsigned int count;
	struct mem_region region[CONFIG_MAX_MEM_REGIONS];
};

/**
 * memmap_add() - insert a range, keeping the list sorted by base
 * Return: 0, -EINVAL for an empty or wrapping range, -ENOSPC when full.
 */
int memmap_add(struct memmap *map, paddr_t base, u64 size, const char *name);

/**
 * memmap_give_back() - memmap_add(), merged with the ranges of the same
 * @name it touches, so that ranges taken and given back again and again
 * (VMs created and destroyed at run time) do not fragment the map
 * Return: 0, -EINVAL for an empty or wrapping range, -ENOSPC when full
 * and it touches no range of that name.
 */
int memmap_give_back(struct memmap *map, paddr_t base, u64 size, const char *name);

/**
 * memmap_remove() - cut [base, base + size) out of every range, splitting
 * ranges where needed
 * Return: 0 or -ENOSPC when a split does not fit.
 */
int memmap_remove(struct memmap *map, paddr_t base, u64 size);

/** memmap_subtract() - memmap_remove() every range of @holes from @map. */
int memmap_subtract(struct memmap *map, const struct memmap *holes);

/** memmap_total() - sum of all sizes. */
u64 memmap_total(const struct memmap *map);

/**
 * memmap_find_overlap() - the first range overlapping [base, base + size)
 * Return: the range or NULL.
 */
const struct mem_region *memmap_find_overlap(const struct memmap *map, paddr_t base, u64 size);

/** memmap_contains() - true if one range holds all of [base, base + size). */
bool memmap_contains(const struct memmap *map, paddr_t base, u64 size);

/**
 * memmap_alloc() - take @size bytes aligned to @align from the top of the
 * highest range that fits, removing them from @map
 * Return: 0 and *@out, or -ENOMEM.
 */
int memmap_alloc(struct memmap *map, u64 size, u64 align, paddr_t *out);

/**
 * memmap_alloc_low() - memmap_alloc() from the bottom of the lowest range
 * that fits: for small copies that must not split the large free ranges
 * memmap_alloc() hands out from the top
 * Return: 0 and *@out, or -ENOMEM.
 */
int memmap_alloc_low(struct memmap *map, u64 size, u64 align, paddr_t *out);

#endif
