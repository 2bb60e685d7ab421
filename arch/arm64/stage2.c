// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-2 translation, 4 KiB granule (Arm ARM D8: VMSAv8-64), walked by the
 * core page-table code with the stage-2 descriptor format
 * (arch/arm64/pgtable.c). The IPA size is the CPU's PA size
 * (ID_AA64MMFR0_EL1.PARange, capped at 48); walks start at level 0 above
 * 39 bits and at level 1 below. Blocks of 1 GiB and 2 MiB where alignment
 * allows, pages for the rest.
 */
#define pr_fmt(fmt) "stage2: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/pgtable.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/shmem.h>
#include <shyper/vm.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

#define VTCR_RES1 (1ULL << 31)
#define VTCR_SH0_INNER (3ULL << 12)
#define VTCR_ORGN0_WBWA (1ULL << 10)
#define VTCR_IRGN0_WBWA (1ULL << 8)
#define VTCR_PS_SHIFT 16
#define VTCR_SL0_SHIFT 6

static u64 *table_alloc(void)
{
	paddr_t pa;

	if (platform_alloc(PAGE_SIZE, PAGE_SIZE, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return (u64 *)(uintptr_t)pa;
}

static void stage2_pt(const struct vm *vm, struct pt *pt)
{
	unsigned int parange;

	arm64_s2_layout(arm64_pa_bits(&parange), pt);
	pt->root = (u64 *)(uintptr_t)vm->arch.s2_root;
	pt->alloc = table_alloc;
	pt->invalidate = NULL; /* only ever built before the VM runs */
}

/*
 * After a stage-2 change, no CPU may keep a translation of the old tables:
 * TLBI VMALLS12E1IS (Arm ARM D8.13 "TLB maintenance", C5.5) acts on the
 * VMID in VTTBR_EL2, so this CPU borrows the VM's VMID for the operation.
 * It runs where no vCPU of this CPU is in the guest (the VM's build), so
 * switching VTTBR_EL2 under EL2 is harmless.
 */
static void flush_vmid(const struct vm *vm)
{
	u64 saved = read_sysreg(vttbr_el2);

	write_sysreg(vm->arch.s2_root | ((u64)vm->vmid << 48), vttbr_el2);
	isb();
	__asm__ volatile("dsb ishst\n\ttlbi vmalls12e1is\n\tdsb ish" : : : "memory");
	write_sysreg(saved, vttbr_el2);
	isb();
}

int vm_arch_map_attr(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, unsigned int attr)
{
	struct pt pt;
	int err;

	stage2_pt(vm, &pt);
	err = pt_map(&pt, gpa, hpa, size, attr);
	flush_vmid(vm);
	return err;
}

int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device)
{
	return vm_arch_map_attr(vm, gpa, hpa, size,
				device ? PT_READ | PT_WRITE | PT_DEVICE
				       : PT_READ | PT_WRITE | PT_EXEC);
}

static void table_free(u64 *table)
{
	platform_free((uintptr_t)table, PAGE_SIZE);
}

/* A released VM's tables back to the free RAM, root included (its slot is built anew). */
void vm_arch_free(struct vm *vm)
{
	struct pt pt;

	if (!vm->arch.s2_root)
		return;
	stage2_pt(vm, &pt);
	pt_free_tables(&pt, table_free);
	flush_vmid(vm);
	table_free((u64 *)(uintptr_t)vm->arch.s2_root);
	vm->arch.s2_root = 0;
}

int stage2_init(struct vm *vm)
{
	unsigned int parange, bits = arm64_pa_bits(&parange);
	u64 *root = table_alloc();
	struct pt pt;

	if (!root)
		return -ENOMEM;
	vm->arch.s2_root = (uintptr_t)root;
	stage2_pt(vm, &pt);
	/* SL0 for 4 KiB: 2 starts at level 0, 1 at level 1. */
	vm->arch.vtcr = VTCR_RES1 | ((u64)parange << VTCR_PS_SHIFT) | VTCR_SH0_INNER |
			VTCR_ORGN0_WBWA | VTCR_IRGN0_WBWA |
			((u64)(pt.fmt->levels == 4 ? 2 : 1) << VTCR_SL0_SHIFT) | (64 - bits);
	return 0;
}
