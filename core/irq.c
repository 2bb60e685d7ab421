// SPDX-License-Identifier: GPL-2.0-only
/*
 * Who owns each line of the host interrupt controller, and who handles an
 * interrupt when it arrives (include/shyper/irq.h). The table is written
 * while VMs are built (boot CPU, before any vCPU runs) and read on every
 * interrupt; a VM's lines are claimed and released as one.
 */
#include <shyper/console.h>
#include <shyper/errno.h>
#include <shyper/irq.h>

static struct vm *owner[IRQ_MAX_LINES];

int irq_claim(u32 irq, struct vm *vm)
{
	if (irq >= IRQ_MAX_LINES)
		return -EINVAL;
	if (owner[irq] && owner[irq] != vm)
		return -EBUSY;
	__atomic_store_n(&owner[irq], vm, __ATOMIC_RELEASE);
	return 0;
}

void irq_release_vm(const struct vm *vm)
{
	unsigned int i;

	for (i = 0; i < IRQ_MAX_LINES; i++)
		if (owner[i] == vm)
			__atomic_store_n(&owner[i], NULL, __ATOMIC_RELEASE);
}

unsigned int irq_owned_count(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < IRQ_MAX_LINES; i++)
		n += !!__atomic_load_n(&owner[i], __ATOMIC_ACQUIRE);
	return n;
}

struct vm *irq_owner(u32 irq)
{
	return irq < IRQ_MAX_LINES ? __atomic_load_n(&owner[irq], __ATOMIC_ACQUIRE) : NULL;
}

enum irq_result irq_dispatch(u32 irq)
{
	struct vm *vm = irq_owner(irq);

	if (vm) {
		irq_arch_forward(vm, irq);
		return IRQ_FORWARDED;
	}
	if (irq && irq == console_irq()) {
		console_handle_irq();
		return IRQ_HANDLED;
	}
	return IRQ_UNCLAIMED;
}
