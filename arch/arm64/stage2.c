// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-2 translation, 4 KiB granule (Arm ARM D8: VMSAv8-64). The IPA size
 * is the CPU's PA size (ID_AA64MMFR0_EL1.PARange), capped at 48 bits;
 * walks start at level 0 above 39 bits and at level 1 below. RAM is
 * mapped with 2 MiB blocks where alignment allows, the rest with pages.
 */
#define pr_fmt(fmt) "stage2: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <asm/sysreg.h>

#define PTE_VALID (1ULL << 0)
#define PTE_TABLE (1ULL << 1) /* also "page" at level 3 */
#define PTE_AF (1ULL << 10)
#define PTE_SH_INNER (3ULL << 8)
#define PTE_S2AP_RW (3ULL << 6)
#define PTE_MEMATTR_NORMAL (0xfULL << 2) /* outer and inner write-back */
#define PTE_MEMATTR_DEVICE (0x1ULL << 2) /* Device-nGnRE */
#define PTE_S2_XN (2ULL << 53) /* XN[1:0] = 0b10: no execution at EL1 or EL0 (D8.4.2) */
#define PTE_ADDR_MASK 0x0000fffffffff000ULL
#define LEVEL_SHIFT(l) (39 - 9 * (l))
#define ENTRIES 512

#define VTCR_RES1 (1ULL << 31)
#define VTCR_SH0_INNER (3ULL << 12)
#define VTCR_ORGN0_WBWA (1ULL << 10)
#define VTCR_IRGN0_WBWA (1ULL << 8)
#define VTCR_PS_SHIFT 16
#define VTCR_SL0_SHIFT 6

static const unsigned int parange_bits[] = {32, 36, 40, 42, 44, 48, 52};

static unsigned int ipa_bits(unsigned int *parange)
{
	*parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (*parange > 5)
		*parange = 5; /* 52-bit needs 64 KiB granule: use 48 */
	return parange_bits[*parange];
}

static unsigned int start_level(unsigned int bits)
{
	return bits > 39 ? 0 : 1;
}

static u64 *table_alloc(void)
{
	paddr_t pa;

	if (platform_alloc(PAGE_SIZE, PAGE_SIZE, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return (u64 *)(uintptr_t)pa;
}

static u64 *next_table(u64 *entry)
{
	u64 *table;

	if (*entry & PTE_VALID)
		return (u64 *)(uintptr_t)(*entry & PTE_ADDR_MASK);
	table = table_alloc();
	if (table)
		*entry = (uintptr_t)table | PTE_TABLE | PTE_VALID;
	return table;
}

static u64 leaf_attrs(bool device)
{
	return PTE_AF | PTE_S2AP_RW | PTE_VALID |
	       (device ? PTE_MEMATTR_DEVICE | PTE_S2_XN : PTE_MEMATTR_NORMAL | PTE_SH_INNER);
}

/* Map one 4 KiB page or 2 MiB block at @level (2 or 3). */
static int map_one(u64 *root, unsigned int level0, u64 gpa, paddr_t hpa, unsigned int level,
		   bool device)
{
	u64 *table = root;
	unsigned int l;

	for (l = level0; l < level; l++) {
		table = next_table(&table[(gpa >> LEVEL_SHIFT(l)) % ENTRIES]);
		if (!table)
			return -ENOMEM;
	}
	table[(gpa >> LEVEL_SHIFT(level)) % ENTRIES] =
	    hpa | leaf_attrs(device) | (level == 3 ? PTE_TABLE : 0);
	return 0;
}

int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device)
{
	unsigned int parange, level0 = start_level(ipa_bits(&parange));
	u64 done = 0, step;
	int err = 0;

	while (!err && done < size) {
		bool block = IS_ALIGNED(gpa + done, SZ_2M) && IS_ALIGNED(hpa + done, SZ_2M) &&
			     size - done >= SZ_2M;

		step = block ? SZ_2M : PAGE_SIZE;
		err = map_one((u64 *)(uintptr_t)vm->arch.s2_root, level0, gpa + done, hpa + done,
			      block ? 2 : 3, device);
		done += step;
	}
	__asm__ volatile("dsb ishst" : : : "memory");
	return err;
}

int stage2_init(struct vm *vm)
{
	unsigned int parange, bits = ipa_bits(&parange);
	u64 *root = table_alloc();

	if (!root)
		return -ENOMEM;
	vm->arch.s2_root = (uintptr_t)root;
	/* SL0 for 4 KiB: 2 starts at level 0, 1 at level 1. */
	vm->arch.vtcr = VTCR_RES1 | ((u64)parange << VTCR_PS_SHIFT) | VTCR_SH0_INNER |
			VTCR_ORGN0_WBWA | VTCR_IRGN0_WBWA |
			((u64)(start_level(bits) ? 1 : 2) << VTCR_SL0_SHIFT) | (64 - bits);
	return 0;
}
