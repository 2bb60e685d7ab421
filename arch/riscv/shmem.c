// SPDX-License-Identifier: GPL-2.0-only
/*
 * Doorbell interrupts of shared memory regions on the vPLIC
 * (core/shmem.c): a source of the VM's virtual PLIC that no device backs,
 * driven like the virtual UART's line through vplic_set_level().
 */
#include <shyper/errno.h>
#include <shyper/shmem.h>
#include <shyper/vm.h>
#include <asm/vm.h>

int shmem_arch_claim_irq(struct vm *vm, u32 irq)
{
	struct vplic *p = &vm->arch.vplic;
	u32 bit = 1U << (irq % 32);

	if (!irq || irq >= p->nr_sources)
		return -EINVAL;
	if (p->owned[irq / 32] & bit)
		return -EBUSY;
	p->owned[irq / 32] |= bit;
	return 0;
}

void shmem_arch_set_irq(struct vm *vm, u32 irq, bool level)
{
	vplic_set_level(vm, irq, level);
}
