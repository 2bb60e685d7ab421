// SPDX-License-Identifier: GPL-2.0-only
/*
 * A VM's statistics beside its exits by cause (vm_exits() in core/vm.c):
 * hypervisor time per vCPU, virtual interrupts injected, uptime since its
 * last start (Documentation/control.md, "Statistics"). Each is read by
 * another CPU without a lock: a figure may be one exit or one interrupt
 * old, never torn (64-bit loads).
 */
#include <shyper/exit_stats.h>
#include <shyper/timer.h>
#include <shyper/vm.h>

u64 vm_irqs_injected(const struct vm *vm)
{
	return __atomic_load_n(&vm->irqs_injected, __ATOMIC_RELAXED);
}

/* A vCPU owns its CPU from the VM's build: the CPU's time since then is the vCPU's. */
u64 vcpu_hyp_ticks(const struct vcpu *vcpu)
{
	return exit_stats_hyp_ticks(vcpu->vm->cfg->pcpu[vcpu->id]) - vcpu->hyp_base;
}

u64 vm_hyp_ticks(const struct vm *vm)
{
	unsigned int i;
	u64 sum = 0;

	for (i = 0; i < vm->nr_vcpus; i++)
		sum += vcpu_hyp_ticks(&vm->vcpu[i]);
	return sum;
}

void vm_uptime_start(struct vm *vm)
{
	vm->paused_ticks = 0;
	__atomic_store_n(&vm->up_since, timer_ticks(), __ATOMIC_RELAXED);
}

void vm_uptime_pause(struct vm *vm, bool paused)
{
	u64 now = timer_ticks();

	if (paused)
		vm->paused_at = now;
	else
		vm->paused_ticks += now - vm->paused_at;
}

u64 vm_uptime(const struct vm *vm)
{
	u64 end;

	if (vm_fsm_vm(&vm->fsm) != VM_RUNNING)
		return 0;
	end = vm_is_paused(vm) ? vm->paused_at : timer_ticks();
	return end - vm->up_since - vm->paused_ticks;
}
