// SPDX-License-Identifier: GPL-2.0-only
/*
 * Doorbell interrupts of shared memory regions on the vGIC (core/shmem.c):
 * an SPI of the VM's virtual distributor that no device backs, driven
 * like the virtual UART's line through vgic_set_level().
 */
#include <shyper/errno.h>
#include <shyper/shmem.h>
#include <shyper/vm.h>
#include <asm/gic.h>
#include "vgic-internal.h"

int shmem_arch_claim_irq(struct vm *vm, u32 irq)
{
	struct vgic_dist *d = &vm->arch.vgic;
	struct vgic_irq *line;

	if (irq < GIC_NR_PRIVATE || irq >= d->nr_lines)
		return -EINVAL;
	line = &d->spi[irq - GIC_NR_PRIVATE];
	if (line->owned)
		return -EBUSY;
	/* The values of the distributor reset (vgic.c), which also runs at each restart. */
	*line = (struct vgic_irq){
	    .owned = true, .priority = VGIC_PRIO_RESET, .targets = gic.version == 2 ? 1 : 0};
	return 0;
}

void shmem_arch_set_irq(struct vm *vm, u32 irq, bool level)
{
	vgic_set_level(vm, irq, level);
}
