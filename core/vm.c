// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM lifecycle: build every accepted VM, run each vCPU on its own physical
 * CPU, and stop or restart one VM without touching the others.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <string.h>
#include <shyper/control.h>
#include <shyper/cache.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/shmem.h>
#include <shyper/timer.h>
#include <shyper/virtio.h>
#include <shyper/vm.h>
#include <shyper/vm_create.h>
#include <shyper/vwdt.h>
#include "vm_internal.h"

static struct vm_config vm_configs[VM_MAX];
static struct vm vms[VM_MAX];
static unsigned int nr_vms;

extern void stack_reset_and_call(void (*fn)(struct cpu *), struct cpu *cpu,
				 u8 *stack_top) __noreturn;

unsigned int vm_count(void)
{
	return nr_vms;
}

struct vm *vm_get(unsigned int index)
{
	return index < nr_vms ? &vms[index] : NULL;
}

struct vcpu *vcpu_current(void)
{
	return cpu_current()->vcpu;
}

struct vcpu *vcpu_by_id(struct vm *vm, u64 id)
{
	return id < vm->nr_vcpus ? &vm->vcpu[id] : NULL;
}

struct vcpu *vcpu_by_hwid(struct vm *vm, u64 hwid)
{
	int n = vm_layout_vcpu(&vm->cfg->layout, vm->nr_vcpus, hwid);

	return n < 0 ? NULL : &vm->vcpu[n];
}

/* Images stay where the bootloader put them, in RAM mapped for Shyper. */
const void *vm_image_data(const struct vm_image *img)
{
	return (const void *)(uintptr_t)img->hpa;
}

/*
 * One step of the VM's state machine (core/vm_fsm.c) under its lock, then
 * what it asks for: vCPUs to kick back, and waiting CPUs woken to look.
 */
static int vm_step(struct vm *vm, enum vm_event ev, unsigned int actor, unsigned int target)
{
	u32 kick;
	unsigned int i;
	int err;

	spin_lock(&vm->lock);
	err = vm_fsm_step(&vm->fsm, ev, actor, target, &kick);
	spin_unlock(&vm->lock);
	for (i = 0; kick >> i; i++)
		if (kick >> i & 1)
			vcpu_arch_kick(&vm->vcpu[i]);
	if (!err)
		cpu_arch_wake();
	return err;
}

int vcpu_power_on(struct vcpu *caller, struct vcpu *vcpu, u64 entry, u64 context)
{
	struct vm *vm = vcpu->vm;
	u32 kick;
	int err;

	/* @entry and @context are in place before the vCPU's CPU can see ON. */
	spin_lock(&vm->lock);
	if (vm_fsm_vcpu(&vm->fsm, vcpu->id) == VCPU_OFF) {
		vcpu->entry = entry;
		vcpu->context = context;
	}
	err = vm_fsm_step(&vm->fsm, VM_EV_CPU_ON, caller->id, vcpu->id, &kick);
	spin_unlock(&vm->lock);
	if (!err)
		cpu_arch_wake();
	return err;
}

static __noreturn void park(struct vcpu *vcpu, enum vm_event ev)
{
	vcpu_arch_park(vcpu);
	vm_step(vcpu->vm, ev, vcpu->id, 0);
	stack_reset_and_call(vcpu_run_loop, vcpu->pcpu, vcpu->pcpu->stack_top);
}

void vcpu_power_off(struct vcpu *vcpu)
{
	park(vcpu, VM_EV_CPU_OFF);
}

bool vm_is_paused(const struct vm *vm)
{
	return __atomic_load_n(&vm->paused, __ATOMIC_ACQUIRE) && vm_fsm_vm(&vm->fsm) == VM_RUNNING;
}

const char *vm_state_name(const struct vm *vm)
{
	return vm_is_paused(vm) ? "paused" : vm_fsm_state_name(vm_fsm_vm(&vm->fsm));
}

void vcpu_check_state_slow(struct vcpu *vcpu)
{
	/* Paused: its registers stay saved on this CPU's stack until resumed or stopped. */
	if (vm_is_paused(vcpu->vm)) {
		while (vm_is_paused(vcpu->vm))
			vcpu_arch_wait_paused(vcpu);
		exit_time_begin(vcpu->pcpu, timer_ticks()); /* a pause is not hypervisor time */
	}
	if (vm_fsm_vm(&vcpu->vm->fsm) != VM_RUNNING)
		park(vcpu, VM_EV_PARK);
}

/*
 * The guest's own power-off or reboot, carried out as its "on-poweroff" /
 * "on-reboot" says (Documentation/bindings.md, "Restart policies"). A
 * destroy is the hypervisor's step, with no actor: the caller parks as
 * every other vCPU does.
 */
static void guest_request(struct vm *vm, const char *what, const char *prop, enum vm_action action,
			  enum vm_action dflt)
{
	static const enum vm_event events[VM_ACTION_COUNT] = {
	    [VM_ACTION_RESTART] = VM_EV_RESET,
	    [VM_ACTION_STOP] = VM_EV_POWEROFF,
	    [VM_ACTION_DESTROY] = VM_EV_DESTROY,
	};
	unsigned int actor = vcpu_current()->id;
	const char *name;

	if (action == VM_ACTION_DEFAULT || action >= VM_ACTION_COUNT)
		action = dflt;
	name = vm_action_name(action);
	if (action == dflt || !name)
		pr_info("vm%u (%s): %s\n", vm->cfg->id, vm->cfg->label, what);
	else
		pr_info("vm%u (%s): %s; %s = \"%s\"\n", vm->cfg->id, vm->cfg->label, what, prop,
			name);
	if (action == VM_ACTION_DESTROY)
		actor = VM_FSM_NO_ACTOR;
	if (action != VM_ACTION_RESTART)
		vm->why_stopped =
		    dflt == VM_ACTION_STOP ? VM_STOPPED_GUEST_POWEROFF : VM_STOPPED_GUEST_REBOOT;
	vm_step(vm, events[action], actor, 0);
}

static const char *const crash_names[] = {
    [VM_CRASH_RESTART] = "restart",
    [VM_CRASH_STOP] = "stop",
    [VM_CRASH_DESTROY] = "destroy",
};

static const int crash_reasons[] = {
    [VM_CRASH_WATCHDOG] = VM_STOPPED_CRASH_WATCHDOG,
    [VM_CRASH_FAULTED] = VM_STOPPED_CRASH_FAULTED,
    [VM_CRASH_SYSFAIL] = VM_STOPPED_CRASH_SYSFAIL,
};

static struct spinlock crash_lock; /* one crash decided at a time: watchdog, faults */

void vm_crash(struct vm *vm, enum vm_crash_kind kind)
{
	static const enum vm_event events[] = {
	    [VM_CRASH_RESTART] = VM_EV_RESET,
	    [VM_CRASH_STOP] = VM_EV_POWEROFF,
	    [VM_CRASH_DESTROY] = VM_EV_DESTROY,
	    [VM_CRASH_LOOP] = VM_EV_POWEROFF,
	};
	const struct vm_config *cfg = vm->cfg;
	enum vm_crash_verdict v;

	spin_lock(&crash_lock);
	if (vm_fsm_vm(&vm->fsm) != VM_RUNNING) {
		spin_unlock(&crash_lock);
		return; /* already stopping: one crash, one decision */
	}
	__atomic_store_n(&vm->paused, false, __ATOMIC_RELEASE);
	virtio_vm_reset(vm); /* nothing more is written into its memory */
	vm->crashes++;
	v = vm_crash_decide(&vm->crash_log, cfg, timer_ticks(), timer_freq());
	if (v == VM_CRASH_LOOP)
		pr_warn("vm%u (%s): crashed: %s; crash loop: more than %u restarts within %u s, "
			"stopped\n",
			cfg->id, cfg->label, vm_crash_kind_name(kind), cfg->restart_limit.count,
			cfg->restart_limit.seconds);
	else
		pr_warn("vm%u (%s): crashed: %s; on-crash = \"%s\"\n", cfg->id, cfg->label,
			vm_crash_kind_name(kind), crash_names[v]);
	if (v != VM_CRASH_RESTART)
		vm->why_stopped = v == VM_CRASH_LOOP ? VM_STOPPED_CRASH_LOOP : crash_reasons[kind];
	vm_step(vm, events[v], VM_FSM_NO_ACTOR, 0);
	spin_unlock(&crash_lock);
}

/* Every vCPU of @vm but @self is off. */
static bool others_off(const struct vm *vm, const struct vcpu *self)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++)
		if (&vm->vcpu[i] != self && vm_fsm_vcpu(&vm->fsm, i) != VCPU_OFF)
			return false;
	return true;
}

void vcpu_died(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	bool last;
	u32 kick;

	/* Decided with its own stop, so that of two dying at once, one is the last. */
	spin_lock(&vm->lock);
	last = others_off(vm, vcpu);
	if (!last)
		vm_fsm_step(&vm->fsm, VM_EV_CPU_OFF, vcpu->id, 0, &kick);
	spin_unlock(&vm->lock);
	if (!last)
		stack_reset_and_call(vcpu_run_loop, vcpu->pcpu, vcpu->pcpu->stack_top);
	vm_crash(vm, VM_CRASH_FAULTED);
	park(vcpu, vm_fsm_vm(&vm->fsm) == VM_RUNNING ? VM_EV_CPU_OFF : VM_EV_PARK);
}

void vm_poweroff(struct vm *vm)
{
	virtio_vm_reset(vm); /* nothing more is written into its memory */
	guest_request(vm, "powered off", "on-poweroff", vm->cfg->on_poweroff, VM_ACTION_STOP);
}

void vm_reset(struct vm *vm)
{
	virtio_vm_reset(vm); /* nothing more is written into its memory */
	guest_request(vm, "reset requested", "on-reboot", vm->cfg->on_reboot, VM_ACTION_RESTART);
}

static const char *const request_names[VM_NR_EVENTS] = {
    [VM_EV_START] = "started",
    [VM_EV_POWEROFF] = "powered off",
    [VM_EV_RESET] = "reset",
    [VM_EV_DESTROY] = "destroyed",
};

int vm_request(struct vm *vm, enum vm_event ev)
{
	int err;

	if (ev >= VM_NR_EVENTS || !request_names[ev])
		return -EINVAL;
	/*
	 * A paused VM is running: a stop applies to it. Its waiting vCPUs may
	 * re-enter the guest for a moment before the step kicks them out.
	 */
	if (ev != VM_EV_START)
		__atomic_store_n(&vm->paused, false, __ATOMIC_RELEASE);
	else
		memset(&vm->crash_log, 0, sizeof(vm->crash_log)); /* a fresh restart budget */
	if (ev == VM_EV_POWEROFF || ev == VM_EV_DESTROY)
		virtio_vm_reset(vm); /* nothing more is written into its memory */
	err = vm_step(vm, ev, VM_FSM_NO_ACTOR, 0);
	if (!err && (ev == VM_EV_POWEROFF || ev == VM_EV_DESTROY))
		vm->why_stopped = VM_STOPPED_MANAGEMENT;
	if (!err)
		pr_info("vm%u (%s): %s by the management VM\n", vm->cfg->id, vm->cfg->label,
			request_names[ev]);
	return err;
}

int vm_set_paused(struct vm *vm, bool pause)
{
	unsigned int i;

	spin_lock(&vm->lock);
	if (vm_fsm_vm(&vm->fsm) != VM_RUNNING || vm->paused == pause) {
		spin_unlock(&vm->lock);
		return -EAGAIN;
	}
	vm_uptime_pause(vm, pause); /* before the flag: vm_uptime() reads paused_at */
	__atomic_store_n(&vm->paused, pause, __ATOMIC_RELEASE);
	spin_unlock(&vm->lock);
	vwdt_set_paused(vm, pause);
	/* Bring those in the guest to their next exit, where they wait (vcpu_check_state()). */
	for (i = 0; pause && i < vm->nr_vcpus; i++)
		if (vcpu_state(&vm->vcpu[i]) == VCPU_RUNNING)
			vcpu_arch_kick(&vm->vcpu[i]);
	cpu_arch_wake();
	pr_info("vm%u (%s): %s by the management VM\n", vm->cfg->id, vm->cfg->label,
		pause ? "paused" : "resumed");
	return 0;
}

/* Every vCPU of a stopped @vm parked (off) within a second: kicked, they take microseconds. */
static bool all_parked(const struct vm *vm)
{
	u64 end = timer_ticks() + timer_freq();
	unsigned int i;

	do {
		for (i = 0; i < vm->nr_vcpus && vcpu_state(&vm->vcpu[i]) == VCPU_OFF; i++)
			;
		if (i == vm->nr_vcpus)
			return true;
	} while (timer_ticks() < end);
	return false;
}

/* Its own RAM, scrubbed, back to the free host RAM (shared regions and images stay). */
static void release_memory(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	unsigned int i;

	for (i = 0; i < cfg->nr_mem; i++) {
		memset((void *)(uintptr_t)cfg->mem[i].hpa, 0, cfg->mem[i].size);
		cache_arch_sync_guest(cfg->mem[i].hpa, cfg->mem[i].size);
		if (memmap_give_back(&platform.usable, cfg->mem[i].hpa, cfg->mem[i].size, "ram"))
			vm_err(vm, "memory range %u not returned: the free-memory list is full\n",
			       i);
	}
}

int vm_release(struct vm *vm)
{
	unsigned int i;

	if (vm_fsm_vm(&vm->fsm) != VM_DESTROYED || vm->released)
		return -EAGAIN;
	if (!all_parked(vm)) {
		vm_err(vm, "destroyed, but a vCPU did not leave the guest: its resources stay\n");
		return -EBUSY;
	}
	vm->released = true;
	for (i = 0; i < vm->nr_vcpus; i++)
		__atomic_store_n(&vm->vcpu[i].pcpu->vcpu, NULL, __ATOMIC_RELEASE);
	virtio_vm_exit(vm); /* no switch port points into its memory any more */
	vm_devices_exit(vm); /* interrupt ownership, the virtual UART */
	release_memory(vm);
	vm_arch_free(vm); /* its stage-2 / G-stage tables */
	vm_create_release((unsigned int)(vm - vms)); /* a created VM's DT and image copies */
	pr_info("vm%u (%s): CPUs, memory (scrubbed) and interrupts released\n", vm->cfg->id,
		vm->cfg->label);
	return 0;
}

u64 vcpu_exits(const struct vcpu *vcpu, enum exit_cause cause)
{
	return exit_stats_read(vcpu->vm->cfg->pcpu[vcpu->id], cause) - vcpu->exit_base[cause];
}

u64 vm_exits(const struct vm *vm, enum exit_cause cause)
{
	unsigned int i;
	u64 sum = 0;

	for (i = 0; i < vm->nr_vcpus; i++)
		sum += vcpu_exits(&vm->vcpu[i], cause);
	return sum;
}

/*
 * vCPU 0's CPU restarts a resetting VM once every vCPU is off. Nothing
 * can change the VM meanwhile: no vCPU runs, and a start is refused.
 */
static void finish_reset(struct vm *vm)
{
	bool loaded;

	virtio_vm_reset(vm); /* however the reset came: no frame lands in the new images */
	loaded = !vm_load(vm);

	vm->why_stopped = loaded ? VM_STOPPED_NONE : VM_STOPPED_RELOAD_FAILED;
	if (loaded) {
		vm->restarts++;
		vm->paused = false;
		vm_uptime_start(vm);
		vwdt_reset(vm); /* stopped, as a watchdog is after a reset */
		vm_arch_reset(vm);
		vm->vcpu[0].entry = vm->cfg->entry;
		vm->vcpu[0].context = vm->dtb_gpa;
	}
	if (vm_step(vm, loaded ? VM_EV_RESTART : VM_EV_RELOAD_FAILED, 0, 0))
		return; /* destroyed meanwhile */
	if (loaded)
		pr_info("vm%u (%s): restarting\n", vm->cfg->id, vm->cfg->label);
	else
		vm_err(vm, "cannot reload its images: stopped\n");
}

/* Wait until @cpu's vCPU is started in a running VM, and mark it running. */
static struct vcpu *wait_for_start(struct cpu *cpu)
{
	struct vcpu *vcpu;

	for (;; cpu_arch_wait()) {
		vcpu = __atomic_load_n(&cpu->vcpu, __ATOMIC_ACQUIRE);
		if (!vcpu)
			continue;
		if (vcpu->id == 0 && vm_fsm_restart_due(&vcpu->vm->fsm))
			finish_reset(vcpu->vm);
		if (vcpu_state(vcpu) == VCPU_ON && !vm_step(vcpu->vm, VM_EV_ENTER, vcpu->id, 0))
			return vcpu;
	}
}

void vcpu_run_loop(struct cpu *cpu)
{
	struct vcpu *vcpu = wait_for_start(cpu);

	vcpu_arch_reset(vcpu, vcpu->entry, vcpu->context);
	vcpu_arch_run(vcpu);
}

/*
 * The hypervisor memory a build takes (stage-2 / G-stage tables) comes from
 * platform.usable on the boot CPU, one VM at a time: a failed build gives
 * all of it back by restoring the two maps as they were before it.
 */
static struct memmap saved_usable, saved_reserved;

static void memory_mark(void)
{
	saved_usable = platform.usable;
	saved_reserved = platform.reserved;
}

static void memory_rollback(void)
{
	platform.usable = saved_usable;
	platform.reserved = saved_reserved;
}

/*
 * Build @vm from @cfg on a zeroed slot, every step undone in reverse order
 * on failure, so that a VM that cannot be built leaves interrupt
 * ownership, MMIO regions, vuart registrations and memory as they were.
 * Every refusal of the description happened before, in vm_config_parse().
 */
int vm_build(struct vm *vm, const struct vm_config *cfg, unsigned int index)
{
	unsigned int i;
	int err;

	memset(vm, 0, sizeof(*vm));
	memory_mark();
	vm->cfg = cfg;
	vm->vmid = index + 1;
	vm->nr_vcpus = cfg->nr_vcpus;
	vm->fsm.vm = VM_STOPPED; /* vm_start() starts it */
	vm->fsm.nr_vcpus = cfg->nr_vcpus;
	for (i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *vcpu = &vm->vcpu[i];
		unsigned int c;

		vcpu->vm = vm;
		vcpu->id = i;
		vcpu->pcpu = cpu_get(cfg->pcpu[i]);
		for (c = 0; c < NR_EXIT_CAUSES; c++)
			vcpu->exit_base[c] = exit_stats_read(cfg->pcpu[i], c);
		vcpu->hyp_base = exit_stats_hyp_ticks(cfg->pcpu[i]);
	}
	err = vm_arch_init(vm);
	if (err)
		goto err_memory;
	err = vm_map_memory(vm);
	if (err)
		goto err_memory;
	err = vm_devices_init(vm);
	if (err)
		goto err_memory; /* vm_devices_init() undid its own part */
	err = shmem_vm_init(vm); /* core/shmem.c: regions, doorbells */
	if (err)
		goto err_devices;
	err = virtio_vm_init(vm); /* core/virtio_vm.c: emulated virtio devices */
	if (err)
		goto err_devices;
	err = control_vm_init(vm); /* core/control.c: the management VM's control page */
	if (err)
		goto err_virtio;
	err = vwdt_vm_init(vm); /* core/vwdt.c: its virtual watchdog */
	if (err)
		goto err_virtio;
	err = vm_load(vm);
	if (err)
		goto err_virtio;
	return 0;

err_virtio:
	virtio_vm_exit(vm);
err_devices:
	vm_devices_exit(vm);
err_memory:
	memory_rollback();
	memset(vm, 0, sizeof(*vm));
	return err;
}

/* Hand the vCPUs to their CPUs and start vCPU 0. */
static void vm_start(struct vm *vm)
{
	unsigned int i;

	vm_arch_reset(vm);
	for (i = 0; i < vm->nr_vcpus; i++)
		__atomic_store_n(&vm->vcpu[i].pcpu->vcpu, &vm->vcpu[i], __ATOMIC_RELEASE);
	vm->vcpu[0].entry = vm->cfg->entry;
	vm->vcpu[0].context = vm->dtb_gpa;
	vm_uptime_start(vm);
	spin_lock(&vm->lock);
	vm_fsm_init(&vm->fsm, vm->nr_vcpus);
	spin_unlock(&vm->lock);
	cpu_arch_wake();
}

void *vm_create_va(paddr_t hpa, u64 size)
{
	return (void *)(uintptr_t)hpa;
}

int vm_slot_free(void)
{
	unsigned int i;

	for (i = 0; i < nr_vms; i++)
		if (vms[i].released)
			return (int)i;
	return nr_vms < VM_MAX ? (int)nr_vms : -ENOSPC;
}

unsigned int vm_live_configs(struct vm_config *out)
{
	unsigned int i, n = 0;

	for (i = 0; i < nr_vms; i++)
		if (!vms[i].released)
			out[n++] = *vms[i].cfg;
	return n;
}

int vm_add(unsigned int slot, const struct vm_config *cfg)
{
	static struct vm old; /* a released VM, listed as destroyed until its slot is taken */
	struct vm *vm = &vms[slot];
	bool reused = slot < nr_vms;
	int err;

	if (slot >= VM_MAX || slot > nr_vms || (reused && !vm->released))
		return -EINVAL;
	if (reused)
		old = *vm;
	err = vm_build(vm, cfg, slot);
	if (err) {
		if (reused)
			*vm = old;
		return err;
	}
	if (!reused)
		nr_vms++;
	vm_start(vm);
	return 0;
}

void vm_boot_all(const void *fdt)
{
	int count = vm_config_parse(fdt, vm_configs, VM_MAX);
	int i;

	if (count <= 0) {
		pr_info("no VM to start\n");
		return;
	}
	vm_config_print(vm_configs, count);
	for (i = 0; i < count; i++) {
		struct vm *vm = &vms[nr_vms];

		if (vm_build(vm, &vm_configs[i], nr_vms)) {
			pr_err("%s: not started\n", vm_configs[i].path);
			continue;
		}
		nr_vms++;
	}
	for (i = 0; i < (int)nr_vms; i++)
		vm_start(&vms[i]);
}
