// SPDX-License-Identifier: GPL-2.0-only
/*
 * riscv VM hooks. Running guests in VS-mode (G-stage, SBI for guests,
 * vPLIC) is not implemented yet: every VM is refused with a clear message
 * and the hypervisor keeps running.
 */
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

int vm_arch_init(struct vm *vm)
{
	vm_err(vm, "running guests is not supported on riscv yet\n");
	return -ENOTSUP;
}

int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device)
{
	return -ENOTSUP;
}

int vm_arch_devices_init(struct vm *vm)
{
	return -ENOTSUP;
}

void vcpu_arch_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
}

void vcpu_arch_run(struct vcpu *vcpu)
{
	for (;;)
		cpu_arch_idle();
}

void vcpu_arch_kick(struct vcpu *vcpu)
{
}

void console_arch_enable_irq(u32 irq)
{
}

void vuart_arch_set_irq(struct vm *vm, u32 irq, bool level)
{
}
