// SPDX-License-Identifier: GPL-2.0-only
/*
 * G-stage translation (RISC-V privileged spec, H extension, 8.5.1
 * "Guest Physical Address Translation"): Sv39x4 or Sv48x4, whichever the
 * boot hart supports. The root table is 16 KiB (two extra address bits),
 * the other levels are ordinary 4 KiB tables. Every G-stage access counts
 * as a U-mode access, so leaves have U set; A and D are set up front so
 * that no hart has to update them.
 */
#define pr_fmt(fmt) "gstage: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/vm.h>
#include <asm/csr.h>

#define PTE_V (1ULL << 0)
#define PTE_R (1ULL << 1)
#define PTE_W (1ULL << 2)
#define PTE_X (1ULL << 3)
#define PTE_U (1ULL << 4)
#define PTE_A (1ULL << 6)
#define PTE_D (1ULL << 7)
#define PTE_LEAF (PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK (((1ULL << 44) - 1) << PTE_PPN_SHIFT)
#define ROOT_SIZE (4 * PAGE_SIZE)
#define LEVEL_SHIFT(l) (12 + 9 * (l))

static u64 hgatp_mode;
static unsigned int levels;
static u64 vmid_mask;

void gstage_set_mode(u64 mode, unsigned int vmid_bits)
{
	hgatp_mode = mode;
	levels = mode == HGATP_MODE_SV48X4 ? 4 : 3;
	vmid_mask = (1ULL << vmid_bits) - 1;
}

static u64 *table_alloc(u64 size)
{
	paddr_t pa;

	if (platform_alloc(size, size, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, size);
	return (u64 *)(uintptr_t)pa;
}

static u64 *root_of(const struct vm *vm)
{
	return (u64 *)(uintptr_t)((vm->arch.hgatp & ((1ULL << 44) - 1)) << 12);
}

static u64 *next_table(u64 *entry)
{
	u64 *table;

	if (*entry & PTE_V)
		return (u64 *)(uintptr_t)(((*entry & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12);
	table = table_alloc(PAGE_SIZE);
	if (table)
		*entry = (((uintptr_t)table >> 12) << PTE_PPN_SHIFT) | PTE_V;
	return table;
}

/* The root index has two more bits than the others (the "x4"). */
static unsigned int index_at(u64 gpa, unsigned int level)
{
	u64 idx = gpa >> LEVEL_SHIFT(level);

	return level == levels - 1 ? idx & 2047 : idx & 511;
}

/* Map one 4 KiB page (level 0) or 2 MiB megapage (level 1). */
static int map_one(struct vm *vm, u64 gpa, paddr_t hpa, unsigned int level, u64 flags)
{
	u64 *table = root_of(vm);
	unsigned int l;

	for (l = levels - 1; l > level; l--) {
		table = next_table(&table[index_at(gpa, l)]);
		if (!table)
			return -ENOMEM;
	}
	table[index_at(gpa, level)] = ((hpa >> 12) << PTE_PPN_SHIFT) | flags;
	return 0;
}

int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device)
{
	u64 flags = PTE_LEAF | (device ? 0 : PTE_X), done = 0;
	int err = 0;

	if (gpa + size > 1ULL << (LEVEL_SHIFT(levels - 1) + 11))
		return -ERANGE;
	while (!err && done < size) {
		bool mega = IS_ALIGNED(gpa + done, SZ_2M) && IS_ALIGNED(hpa + done, SZ_2M) &&
			    size - done >= SZ_2M;

		err = map_one(vm, gpa + done, hpa + done, mega ? 1 : 0, flags);
		done += mega ? SZ_2M : PAGE_SIZE;
	}
	__asm__ volatile("fence rw, rw" : : : "memory");
	return err;
}

int gstage_init(struct vm *vm)
{
	u64 *root = table_alloc(ROOT_SIZE);

	if (!root || !hgatp_mode)
		return -ENOMEM;
	/* Harts are never shared between VMs, so a VMID that wraps is harmless. */
	vm->arch.hgatp = hgatp_mode << HGATP_MODE_SHIFT |
			 ((u64)vm->vmid & vmid_mask) << HGATP_VMID_SHIFT | (uintptr_t)root >> 12;
	return 0;
}

int guest_copy(struct vm *vm, u64 gpa, void *buf, u64 len, bool to_guest)
{
	const struct vm_config *cfg = vm->cfg;
	unsigned int i;

	for (i = 0; i < cfg->nr_mem; i++) {
		const struct vm_mem *m = &cfg->mem[i];
		void *host = (void *)(uintptr_t)(m->hpa + (gpa - m->gpa));

		if (gpa < m->gpa || gpa + len > m->gpa + m->size || gpa + len < gpa)
			continue;
		if (to_guest)
			memcpy(host, buf, len);
		else
			memcpy(buf, host, len);
		return 0;
	}
	return -ERANGE;
}
