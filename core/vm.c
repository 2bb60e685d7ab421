// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM lifecycle: build every accepted VM, run each vCPU on its own physical
 * CPU, and stop or restart one VM without touching the others.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/printk.h>
#include <shyper/vm.h>

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

static void set_state(int *state, int value)
{
	__atomic_store_n(state, value, __ATOMIC_RELEASE);
	__asm__ volatile("" : : : "memory");
	cpu_arch_wake();
}

static int get_state(const int *state)
{
	return __atomic_load_n(state, __ATOMIC_ACQUIRE);
}

bool vcpu_power_on(struct vcpu *vcpu, u64 entry, u64 context)
{
	bool ok;

	spin_lock(&vcpu->vm->lock);
	ok = get_state(&vcpu->state) == VCPU_OFF;
	if (ok) {
		vcpu->entry = entry;
		vcpu->context = context;
		set_state(&vcpu->state, VCPU_ON);
	}
	spin_unlock(&vcpu->vm->lock);
	return ok;
}

static __noreturn void park(struct vcpu *vcpu)
{
	set_state(&vcpu->state, VCPU_OFF);
	stack_reset_and_call(vcpu_run_loop, vcpu->pcpu, vcpu->pcpu->stack_top);
}

void vcpu_power_off(struct vcpu *vcpu)
{
	park(vcpu);
}

void vcpu_check_state(struct vcpu *vcpu)
{
	if (get_state(&vcpu->vm->state) != VM_RUNNING)
		park(vcpu);
}

/* Ask every other running vCPU of @vm to come back to the hypervisor. */
static void stop_others(struct vm *vm, int new_state)
{
	struct vcpu *self = vcpu_current();
	unsigned int i;

	set_state(&vm->state, new_state);
	for (i = 0; i < vm->nr_vcpus; i++)
		if (&vm->vcpu[i] != self && get_state(&vm->vcpu[i].state) == VCPU_RUNNING)
			vcpu_arch_kick(&vm->vcpu[i]);
}

void vm_poweroff(struct vm *vm)
{
	pr_info("vm%u (%s): powered off\n", vm->cfg->id, vm->cfg->label);
	stop_others(vm, VM_STOPPED);
}

void vm_reset(struct vm *vm)
{
	pr_info("vm%u (%s): reset requested\n", vm->cfg->id, vm->cfg->label);
	stop_others(vm, VM_RESETTING);
}

static bool all_parked(struct vm *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++)
		if (get_state(&vm->vcpu[i].state) != VCPU_OFF)
			return false;
	return true;
}

/* vCPU 0's CPU restarts a resetting VM once every vCPU has parked. */
static void finish_reset(struct vm *vm)
{
	if (!all_parked(vm))
		return;
	if (vm_load(vm)) {
		set_state(&vm->state, VM_STOPPED);
		return;
	}
	pr_info("vm%u (%s): restarting\n", vm->cfg->id, vm->cfg->label);
	vm->vcpu[0].entry = vm->cfg->entry;
	vm->vcpu[0].context = vm->dtb_gpa;
	set_state(&vm->vcpu[0].state, VCPU_ON);
	set_state(&vm->state, VM_RUNNING);
}

static bool ready_to_run(struct cpu *cpu)
{
	struct vcpu *vcpu = __atomic_load_n(&cpu->vcpu, __ATOMIC_ACQUIRE);

	if (!vcpu)
		return false;
	if (vcpu->id == 0 && get_state(&vcpu->vm->state) == VM_RESETTING)
		finish_reset(vcpu->vm);
	return get_state(&vcpu->vm->state) == VM_RUNNING && get_state(&vcpu->state) == VCPU_ON;
}

void vcpu_run_loop(struct cpu *cpu)
{
	struct vcpu *vcpu;

	while (!ready_to_run(cpu))
		cpu_arch_wait();
	vcpu = cpu->vcpu;
	vcpu_arch_reset(vcpu, vcpu->entry, vcpu->context);
	set_state(&vcpu->state, VCPU_RUNNING);
	vcpu_arch_run(vcpu);
}

static int vm_build(struct vm *vm, const struct vm_config *cfg, unsigned int index)
{
	unsigned int i;
	int err;

	vm->cfg = cfg;
	vm->vmid = index + 1;
	vm->nr_vcpus = cfg->nr_vcpus;
	for (i = 0; i < vm->nr_vcpus; i++) {
		vm->vcpu[i].vm = vm;
		vm->vcpu[i].id = i;
		vm->vcpu[i].pcpu = cpu_get(cfg->pcpu[i]);
	}
	err = vm_arch_init(vm);
	if (!err)
		err = vm_map_memory(vm);
	if (!err)
		err = vm_devices_init(vm);
	if (!err)
		err = vm_load(vm);
	return err;
}

/* Hand the vCPUs to their CPUs and start vCPU 0. */
static void vm_start(struct vm *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++)
		__atomic_store_n(&vm->vcpu[i].pcpu->vcpu, &vm->vcpu[i], __ATOMIC_RELEASE);
	set_state(&vm->state, VM_RUNNING);
	vcpu_power_on(&vm->vcpu[0], vm->cfg->entry, vm->dtb_gpa);
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
		struct vm_image *own_dtb = &vm_configs[i].image[VM_IMAGE_DTB];

		/* The builder merges /chosen into a VM's own DTB from here. */
		if (own_dtb->node >= 0)
			own_dtb->data = (const void *)(uintptr_t)own_dtb->hpa;

		if (vm_build(vm, &vm_configs[i], nr_vms)) {
			pr_err("%s: not started\n", vm_configs[i].path);
			continue;
		}
		nr_vms++;
	}
	for (i = 0; i < (int)nr_vms; i++)
		vm_start(&vms[i]);
}
