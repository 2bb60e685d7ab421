/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The life cycle of a VM and its vCPUs as one transition function, kept
 * free of anything but the states themselves so that the unit suite runs
 * the very same code over every interleaving of events
 * (tests/unit/vm_fsm_test.c). core/vm.c calls it under the VM's lock and
 * carries out what it returns (kicks, reloading the images, entering).
 * Documentation/vm-lifecycle.md draws the state machine.
 */
#ifndef SHYPER_VM_FSM_H
#define SHYPER_VM_FSM_H

#include <shyper/types.h>
#include <shyper/vm_config.h>

enum vcpu_state {
	VCPU_OFF, /* waits in the hypervisor for PSCI CPU_ON / SBI HSM */
	VCPU_ON, /* asked to start; its CPU enters it next (HSM START_PENDING) */
	VCPU_RUNNING, /* in the guest, or in the hypervisor on its behalf */
};

enum vm_state {
	VM_RUNNING,
	VM_STOPPED, /* powered off: its CPUs wait, for good */
	VM_RESETTING, /* vCPUs park; once all are off, vCPU 0 restarts it */
	VM_DESTROYED, /* torn down by the hypervisor: like STOPPED, never reused */
};

/**
 * enum vm_event - what can happen to a VM. Guest requests come from a
 * running vCPU (@actor); the others are the hypervisor's own steps.
 * @VM_EV_CPU_ON: @actor starts @target (PSCI CPU_ON, SBI HART_START)
 * @VM_EV_CPU_OFF: @actor stops itself (PSCI CPU_OFF, SBI HART_STOP)
 * @VM_EV_RESET: @actor restarts the VM (PSCI SYSTEM_RESET, SBI SRST reboot)
 * @VM_EV_POWEROFF: @actor powers the VM off (PSCI SYSTEM_OFF, SBI SRST shutdown)
 * @VM_EV_DESTROY: the hypervisor removes the VM (no actor)
 * @VM_EV_PARK: running @actor leaves a VM that is no longer running
 * @VM_EV_ENTER: @actor's CPU takes a started vCPU into the guest
 * @VM_EV_RESTART: vCPU 0's CPU reloaded the images of a resetting VM
 *                 whose vCPUs are all off: vCPU 0 starts again
 * @VM_EV_RELOAD_FAILED: reloading failed: the VM stays stopped
 * @VM_EV_START: the hypervisor starts a stopped VM again (the management
 *               VM's CTL_CMD_START): it resets, as after SYSTEM_RESET
 */
enum vm_event {
	VM_EV_CPU_ON,
	VM_EV_CPU_OFF,
	VM_EV_RESET,
	VM_EV_POWEROFF,
	VM_EV_DESTROY,
	VM_EV_PARK,
	VM_EV_ENTER,
	VM_EV_RESTART,
	VM_EV_RELOAD_FAILED,
	VM_EV_START,
	VM_NR_EVENTS,
};

/**
 * struct vm_fsm - the states of one VM and its vCPUs; read without the
 * lock through vm_fsm_vcpu() / vm_fsm_vm(), written only by vm_fsm_step()
 */
struct vm_fsm {
	int vm;
	unsigned int nr_vcpus;
	int vcpu[VM_MAX_VCPUS];
};

/* vm_fsm_step()'s @actor when the hypervisor itself acts. */
#define VM_FSM_NO_ACTOR (~0U)

/**
 * vm_fsm_init() - a VM just built: running, vCPU 0 started, others off.
 */
void vm_fsm_init(struct vm_fsm *f, unsigned int nr_vcpus);

/**
 * vm_fsm_step() - apply @ev; the caller holds the VM's lock
 * @actor: the vCPU it comes from, or VM_FSM_NO_ACTOR
 * @target: the vCPU to start (VM_EV_CPU_ON only)
 * @kick: set to the vCPUs that must be brought back to the hypervisor
 *        (they are in the guest while their VM stopped)
 * Return: 0 when applied; -EBUSY when @target is not off; -EAGAIN when the
 * VM is not running (the caller is about to park); -EINVAL when @ev does
 * not apply to these states (nothing changed).
 */
int vm_fsm_step(struct vm_fsm *f, enum vm_event ev, unsigned int actor, unsigned int target,
		u32 *kick);

/** vm_fsm_restart_due() - a resetting VM whose vCPUs are all off. */
bool vm_fsm_restart_due(const struct vm_fsm *f);

/** vm_fsm_state_name() - "running", "off", "resetting" or "destroyed". */
const char *vm_fsm_state_name(int vm_state);

/** vm_fsm_vcpu() / vm_fsm_vm() - current states, safe without the lock. */
static inline int vm_fsm_vcpu(const struct vm_fsm *f, unsigned int id)
{
	return __atomic_load_n(&f->vcpu[id], __ATOMIC_ACQUIRE);
}

static inline int vm_fsm_vm(const struct vm_fsm *f)
{
	return __atomic_load_n(&f->vm, __ATOMIC_ACQUIRE);
}

#endif
