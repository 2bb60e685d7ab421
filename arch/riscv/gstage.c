// SPDX-License-Identifier: GPL-2.0-only
/*
 * G-stage translation (RISC-V privileged spec, H extension, 8.5.1
 * "Guest Physical Address Translation"): Sv39x4 or Sv48x4, whichever the
 * boot hart supports, walked by the core page-table code with the G-stage
 * descriptor format (arch/riscv/pgtable.c). The root table is 16 KiB (two
 * extra address bits), the other levels are ordinary 4 KiB tables.
 */
#define pr_fmt(fmt) "gstage: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/pgtable.h>
#include <shyper/platform.h>
#include <shyper/shmem.h>
#include <shyper/vm.h>
#include <asm/csr.h>
#include <asm/pgtable.h>

#define ROOT_SIZE (4 * PAGE_SIZE)

static u64 hgatp_mode;
static unsigned int levels;
static u64 vmid_mask;

void gstage_set_mode(u64 mode, unsigned int vmid_bits)
{
	hgatp_mode = mode;
	levels = mode == HGATP_MODE_SV48X4 ? 4 : 3;
	vmid_mask = (1ULL << vmid_bits) - 1;
}

static u64 *table_alloc_sized(u64 size)
{
	paddr_t pa;

	if (platform_alloc(size, size, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, size);
	return (u64 *)(uintptr_t)pa;
}

static u64 *table_alloc(void)
{
	return table_alloc_sized(PAGE_SIZE);
}

static void gstage_pt(const struct vm *vm, struct pt *pt)
{
	riscv_gstage_layout(levels, pt);
	pt->root = (u64 *)(uintptr_t)((vm->arch.hgatp & ((1ULL << 44) - 1)) << 12);
	pt->alloc = table_alloc;
	pt->invalidate = NULL; /* only ever built before the VM runs */
}

/* Each hart does hfence.gvma before it enters a vCPU (arch/riscv/vm.c). */
int vm_arch_map_attr(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, unsigned int attr)
{
	struct pt pt;
	int err;

	gstage_pt(vm, &pt);
	err = pt_map(&pt, gpa, hpa, size, attr);
	__asm__ volatile("fence rw, rw" : : : "memory");
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

/*
 * A released VM's tables back to the free RAM, root included (its slot is
 * built anew); every hart does hfence.gvma before it enters a vCPU.
 */
void vm_arch_free(struct vm *vm)
{
	struct pt pt;

	if (!vm->arch.hgatp)
		return;
	gstage_pt(vm, &pt);
	pt_free_tables(&pt, table_free);
	platform_free((uintptr_t)pt.root, ROOT_SIZE);
	vm->arch.hgatp = 0;
}

int gstage_init(struct vm *vm)
{
	u64 *root = table_alloc_sized(ROOT_SIZE);

	if (!root || !hgatp_mode)
		return -ENOMEM;
	/* Harts are never shared between VMs, so a VMID that wraps is harmless. */
	vm->arch.hgatp = hgatp_mode << HGATP_MODE_SHIFT |
			 ((u64)vm->vmid & vmid_mask) << HGATP_VMID_SHIFT | (uintptr_t)root >> 12;
	return 0;
}

int guest_copy(struct vm *vm, u64 gpa, void *buf, u64 len, bool to_guest)
{
	const struct vm_mem *m = vm_ram_range(vm->cfg, gpa, len);
	void *host;

	if (!m)
		return -ERANGE;
	host = (void *)(uintptr_t)(m->hpa + (gpa - m->gpa));
	if (to_guest)
		memcpy(host, buf, len);
	else
		memcpy(buf, host, len);
	return 0;
}
