// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>
#include <shyper/errno.h>
#include <shyper/memmap.h>

static u64 region_end(const struct mem_region *r)
{
	return r->base + r->size;
}

static void remove_at(struct memmap *map, unsigned int i)
{
	memmove(&map->region[i], &map->region[i + 1],
		(map->count - i - 1) * sizeof(map->region[0]));
	map->count--;
}

int memmap_add(struct memmap *map, paddr_t base, u64 size, const char *name)
{
	unsigned int i;

	if (!size || base + size < base)
		return -EINVAL;
	if (map->count >= ARRAY_SIZE(map->region))
		return -ENOSPC;
	for (i = 0; i < map->count && map->region[i].base <= base; i++)
		;
	memmove(&map->region[i + 1], &map->region[i], (map->count - i) * sizeof(map->region[0]));
	map->region[i] = (struct mem_region){base, size, name};
	map->count++;
	return 0;
}

/* Regions @i and @i + 1 touch and have one name: one region. */
static bool merge_next(struct memmap *map, unsigned int i)
{
	struct mem_region *a = &map->region[i], *b = &map->region[i + 1];

	if (i + 1 >= map->count || region_end(a) != b->base || !a->name || !b->name ||
	    strcmp(a->name, b->name))
		return false;
	a->size += b->size;
	remove_at(map, i + 1);
	return true;
}

int memmap_give_back(struct memmap *map, paddr_t base, u64 size, const char *name)
{
	unsigned int i;

	if (!size || base + size < base)
		return -EINVAL;
	for (i = 0; i < map->count && map->region[i].base <= base; i++)
		;
	/* A full map still takes a range that extends a neighbour. */
	if (map->count == ARRAY_SIZE(map->region)) {
		if (i > 0 && region_end(&map->region[i - 1]) == base && map->region[i - 1].name &&
		    !strcmp(map->region[i - 1].name, name)) {
			map->region[i - 1].size += size;
			merge_next(map, i - 1);
			return 0;
		}
		if (i < map->count && base + size == map->region[i].base && map->region[i].name &&
		    !strcmp(map->region[i].name, name)) {
			map->region[i].base = base;
			map->region[i].size += size;
			return 0;
		}
		return -ENOSPC;
	}
	memmap_add(map, base, size, name);
	if (i > 0 && merge_next(map, i - 1))
		i--;
	merge_next(map, i);
	return 0;
}

/* Cut the hole out of region @i; returns how many regions now stand at @i. */
static int cut_region(struct memmap *map, unsigned int i, paddr_t base, u64 end)
{
	struct mem_region r = map->region[i];
	bool keep_low = r.base<base, keep_high = region_end(&r)> end;

	if (keep_low && keep_high) {
		if (map->count >= ARRAY_SIZE(map->region))
			return -ENOSPC;
		map->region[i].size = base - r.base;
		memmap_add(map, end, region_end(&r) - end, r.name);
		return 1; /* upper half sorts after the hole: revisiting it is harmless */
	}
	if (keep_low) {
		map->region[i].size = base - r.base;
		return 1;
	}
	if (keep_high) {
		map->region[i].base = end;
		map->region[i].size = region_end(&r) - end;
		return 1;
	}
	remove_at(map, i);
	return 0;
}

int memmap_remove(struct memmap *map, paddr_t base, u64 size)
{
	u64 end = base + size < base ? ~0ULL : base + size;
	unsigned int i = 0;
	int kept;

	while (i < map->count) {
		struct mem_region *r = &map->region[i];

		if (region_end(r) <= base || r->base >= end) {
			i++;
			continue;
		}
		kept = cut_region(map, i, base, end);
		if (kept < 0)
			return kept;
		i += kept;
	}
	return 0;
}

int memmap_subtract(struct memmap *map, const struct memmap *holes)
{
	unsigned int i;
	int err;

	for (i = 0; i < holes->count; i++) {
		err = memmap_remove(map, holes->region[i].base, holes->region[i].size);
		if (err)
			return err;
	}
	return 0;
}

u64 memmap_total(const struct memmap *map)
{
	u64 total = 0;
	unsigned int i;

	for (i = 0; i < map->count; i++)
		total += map->region[i].size;
	return total;
}

const struct mem_region *memmap_find_overlap(const struct memmap *map, paddr_t base, u64 size)
{
	unsigned int i;

	for (i = 0; i < map->count; i++) {
		const struct mem_region *r = &map->region[i];

		if (base < region_end(r) && r->base < base + size)
			return r;
	}
	return NULL;
}

bool memmap_contains(const struct memmap *map, paddr_t base, u64 size)
{
	unsigned int i;

	for (i = 0; i < map->count; i++) {
		const struct mem_region *r = &map->region[i];

		if (base >= r->base && base + size <= region_end(r) && base + size >= base)
			return true;
	}
	return false;
}

/* True and *@at if @size bytes aligned to @align fit in @r, at its top or its bottom. */
static bool fit_in(const struct mem_region *r, u64 size, u64 align, bool low, paddr_t *at)
{
	if (r->size < size)
		return false;
	*at = low ? ALIGN_UP(r->base, align) : ALIGN_DOWN(region_end(r) - size, align);
	return *at >= r->base && *at + size <= region_end(r) && *at + size > *at;
}

int memmap_alloc(struct memmap *map, u64 size, u64 align, paddr_t *out)
{
	int i;

	for (i = (int)map->count - 1; i >= 0; i--)
		if (fit_in(&map->region[i], size, align ? align : 1, false, out))
			return memmap_remove(map, *out, size);
	return -ENOMEM;
}

int memmap_alloc_low(struct memmap *map, u64 size, u64 align, paddr_t *out)
{
	unsigned int i;

	for (i = 0; i < map->count; i++)
		if (fit_in(&map->region[i], size, align ? align : 1, true, out))
			return memmap_remove(map, *out, size);
	return -ENOMEM;
}
