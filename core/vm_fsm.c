// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM and vCPU life cycle (include/shyper/vm_fsm.h). Two rules keep every
 * interleaving live, and the unit suite checks both over all of them:
 * - a VM that stops running (reset, power-off, destroy) cancels every
 *   start still pending, so no vCPU waits for a VM that waits for it;
 * - a vCPU is started (CPU_ON) and entered only while its VM runs, both
 *   decided under the VM's lock, so a stopping VM sees each of its vCPUs
 *   either off or running (and then kicks it).
 */
#include <shyper/errno.h>
#include <shyper/vm_fsm.h>

static void set(int *state, int value)
{
	__atomic_store_n(state, value, __ATOMIC_RELEASE);
}

void vm_fsm_init(struct vm_fsm *f, unsigned int nr_vcpus)
{
	unsigned int i;

	f->nr_vcpus = MIN(nr_vcpus, (unsigned int)VM_MAX_VCPUS);
	for (i = 0; i < f->nr_vcpus; i++)
		set(&f->vcpu[i], VCPU_OFF);
	set(&f->vm, VM_RUNNING);
	if (f->nr_vcpus)
		set(&f->vcpu[0], VCPU_ON);
}

const char *vm_fsm_state_name(int vm_state)
{
	static const char *const names[] = {
	    [VM_RUNNING] = "running",
	    [VM_STOPPED] = "off",
	    [VM_RESETTING] = "resetting",
	    [VM_DESTROYED] = "destroyed",
	};

	return vm_state >= 0 && vm_state < (int)ARRAY_SIZE(names) ? names[vm_state] : "?";
}

static bool is(const struct vm_fsm *f, unsigned int id, int state)
{
	return id < f->nr_vcpus && f->vcpu[id] == state;
}

bool vm_fsm_restart_due(const struct vm_fsm *f)
{
	unsigned int i;

	if (vm_fsm_vm(f) != VM_RESETTING || !f->nr_vcpus)
		return false;
	for (i = 0; i < f->nr_vcpus; i++)
		if (vm_fsm_vcpu(f, i) != VCPU_OFF)
			return false;
	return true;
}

/* The VM stops running: pending starts are cancelled, running vCPUs kicked. */
static void stop(struct vm_fsm *f, int new_state, unsigned int actor, u32 *kick)
{
	unsigned int i;

	set(&f->vm, new_state);
	for (i = 0; i < f->nr_vcpus; i++) {
		if (f->vcpu[i] == VCPU_ON)
			set(&f->vcpu[i], VCPU_OFF);
		else if (f->vcpu[i] == VCPU_RUNNING && i != actor)
			*kick |= 1U << i;
	}
}

static int cpu_on(struct vm_fsm *f, unsigned int actor, unsigned int target)
{
	if (!is(f, actor, VCPU_RUNNING) || target >= f->nr_vcpus)
		return -EINVAL;
	if (f->vm != VM_RUNNING)
		return -EAGAIN;
	if (f->vcpu[target] != VCPU_OFF)
		return -EBUSY;
	set(&f->vcpu[target], VCPU_ON);
	return 0;
}

/* A guest's request comes from a running vCPU; the hypervisor's from none. */
static bool may_request(const struct vm_fsm *f, unsigned int actor)
{
	return actor == VM_FSM_NO_ACTOR || is(f, actor, VCPU_RUNNING);
}

/* Power-off overrides a reset in progress; nothing overrides a destroy. */
static int stop_request(struct vm_fsm *f, enum vm_event ev, unsigned int actor, u32 *kick)
{
	if (!may_request(f, actor))
		return -EINVAL;
	if (f->vm == VM_DESTROYED || (ev == VM_EV_RESET && f->vm == VM_STOPPED))
		return -EAGAIN;
	stop(f, ev == VM_EV_RESET ? VM_RESETTING : VM_STOPPED, actor, kick);
	return 0;
}

static int restart(struct vm_fsm *f, bool loaded)
{
	if (!vm_fsm_restart_due(f))
		return -EINVAL;
	if (!loaded) {
		set(&f->vm, VM_STOPPED);
		return 0;
	}
	set(&f->vcpu[0], VCPU_ON);
	set(&f->vm, VM_RUNNING);
	return 0;
}

/* One vCPU's own step: from @from to @to when its VM is (not) running. */
static int own_step(struct vm_fsm *f, unsigned int actor, int from, int to, bool vm_running)
{
	if (!is(f, actor, from) || (f->vm == VM_RUNNING) != vm_running)
		return -EINVAL;
	set(&f->vcpu[actor], to);
	return 0;
}

int vm_fsm_step(struct vm_fsm *f, enum vm_event ev, unsigned int actor, unsigned int target,
		u32 *kick)
{
	*kick = 0;
	switch (ev) {
	case VM_EV_CPU_ON:
		return cpu_on(f, actor, target);
	case VM_EV_CPU_OFF:
		if (!is(f, actor, VCPU_RUNNING))
			return -EINVAL;
		set(&f->vcpu[actor], VCPU_OFF);
		return 0;
	case VM_EV_RESET:
	case VM_EV_POWEROFF:
		return stop_request(f, ev, actor, kick);
	case VM_EV_DESTROY:
		if (actor != VM_FSM_NO_ACTOR || f->vm == VM_DESTROYED)
			return -EINVAL;
		stop(f, VM_DESTROYED, actor, kick);
		return 0;
	case VM_EV_PARK:
		return own_step(f, actor, VCPU_RUNNING, VCPU_OFF, false);
	case VM_EV_ENTER:
		return own_step(f, actor, VCPU_ON, VCPU_RUNNING, true);
	case VM_EV_RESTART:
	case VM_EV_RELOAD_FAILED:
		return restart(f, ev == VM_EV_RESTART);
	case VM_EV_START:
		if (actor != VM_FSM_NO_ACTOR)
			return -EINVAL;
		if (f->vm != VM_STOPPED)
			return -EAGAIN;
		/* Running vCPUs were kicked when it stopped: they park, then it restarts. */
		set(&f->vm, VM_RESETTING);
		return 0;
	default:
		return -EINVAL;
	}
}
