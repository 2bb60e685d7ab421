// SPDX-License-Identifier: GPL-2.0-only
/*
 * The management VM's commands (Documentation/control.md). Each runs on
 * the management vCPU that stores to CTL_CMD, inside that trap: it reads
 * or changes other VMs through the same calls the hypervisor uses for
 * their own requests (core/vm.c), so a command is one more event of the
 * target VM's state machine, never a second path.
 */
#define pr_fmt(fmt) "control: " fmt

#include <string.h>
#include <shyper/cache.h>
#include <shyper/control.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/irq.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/vm.h>
#include <shyper/vm_create.h>
#include <shyper/vuart.h>

/* One bank: there is one management VM (vm_validate.c check_identity). */
static struct ctl_bank bank;
static struct spinlock bank_lock;
/* The management VM's staging window in host RAM (staging_init()). */
static struct {
	paddr_t hpa;
	u64 size;
} staging;

/* A released VM keeps its id in the list until a VM created with that id takes over. */
static struct vm *vm_by_id(u32 id)
{
	struct vm *vm, *released = NULL;
	unsigned int i;

	for (i = 0; (vm = vm_get(i)); i++) {
		if (vm->cfg->id != id)
			continue;
		if (!vm->released)
			return vm;
		released = released ? released : vm;
	}
	return released;
}

static int vm_state_code(const struct vm *vm)
{
	static const u8 codes[] = {
	    [VM_RUNNING] = CTL_STATE_RUNNING,
	    [VM_STOPPED] = CTL_STATE_OFF,
	    [VM_RESETTING] = CTL_STATE_RESETTING,
	    [VM_DESTROYED] = CTL_STATE_DESTROYED,
	};
	return vm_is_paused(vm) ? CTL_STATE_PAUSED : codes[vm_fsm_vm(&vm->fsm)];
}

static void put_vm(struct ctl_bank *b, const struct vm *vm)
{
	u64 pcpus = 0, mem = 0;
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus && !vm->released; i++)
		pcpus |= 1ULL << vm->cfg->pcpu[i];
	for (i = 0; i < vm->cfg->nr_mem; i++)
		mem += vm->cfg->mem[i].size;
	b->res[CTL_VM_ID] = vm->cfg->id;
	b->res[CTL_VM_STATE] = vm_state_code(vm);
	b->res[CTL_VM_TYPE] = vm->cfg->type;
	b->res[CTL_VM_VCPUS] = vm->nr_vcpus;
	ctl_put_u64(b, CTL_VM_PCPUS_LO, pcpus);
	ctl_put_u64(b, CTL_VM_MEM_LO, mem);
	b->res[CTL_VM_REASON] = vm->why_stopped;
	memset(b->data, 0, sizeof(b->data));
	memcpy(b->data, vm->cfg->label, MIN(strlen(vm->cfg->label), sizeof(b->data) - 1));
}

static int cmd_vm_at(struct ctl_bank *b, void *self)
{
	const struct vm *vm = vm_get(b->arg[0]);

	if (!vm)
		return -ENOENT;
	put_vm(b, vm);
	return 0;
}

static int cmd_vm_info(struct ctl_bank *b, void *self)
{
	const struct vm *vm = vm_by_id(b->arg[0]);

	if (!vm)
		return -ENOENT;
	put_vm(b, vm);
	return 0;
}

static int cmd_free(struct ctl_bank *b, void *self)
{
	unsigned int i, online = 0, free = 0;
	u64 mask = 0;
	struct cpu *cpu;

	for (i = 0; (cpu = cpu_get(i)); i++) {
		if (!cpu->online)
			continue;
		online++;
		if (!__atomic_load_n(&cpu->vcpu, __ATOMIC_ACQUIRE)) {
			free++;
			mask |= 1ULL << i;
		}
	}
	b->res[CTL_FREE_PCPUS] = free;
	ctl_put_u64(b, CTL_FREE_PCPUS_LO, mask);
	ctl_put_u64(b, CTL_FREE_MEM_LO, memmap_total(&platform.usable));
	b->res[CTL_FREE_VM_SLOTS] = VM_MAX - vm_count();
	for (i = 0; i < vm_count(); i++)
		b->res[CTL_FREE_VM_SLOTS] += vm_get(i)->released; /* taken by the next create */
	b->res[CTL_FREE_IRQS_OWNED] = irq_owned_count();
	b->res[CTL_FREE_PCPUS_ONLINE] = online;
	return 0;
}

/* The VM a lifecycle command names: another one than the caller. */
static int target(const struct ctl_bank *b, const struct vm *self, struct vm **out)
{
	*out = vm_by_id(b->arg[0]);
	if (!*out)
		return -ENOENT;
	return *out == self ? -EPERM : 0;
}

static int request(struct ctl_bank *b, void *self, enum vm_event ev)
{
	struct vm *vm;
	int err = target(b, self, &vm);

	if (err)
		return err;
	err = vm_request(vm, ev);
	return err == -EINVAL ? -EAGAIN : err; /* a state it does not apply to */
}

static int cmd_start(struct ctl_bank *b, void *self)
{
	return request(b, self, VM_EV_START);
}

static int cmd_stop(struct ctl_bank *b, void *self)
{
	return request(b, self, VM_EV_POWEROFF);
}

static int cmd_reboot(struct ctl_bank *b, void *self)
{
	return request(b, self, VM_EV_RESET);
}

/* Stopped for good, then its CPUs, memory and interrupts are free again. */
static int cmd_destroy(struct ctl_bank *b, void *self)
{
	struct vm *vm;
	int err = request(b, self, VM_EV_DESTROY);

	if (err)
		return err;
	target(b, self, &vm);
	return vm_release(vm);
}

static int pause(struct ctl_bank *b, void *self, bool on)
{
	struct vm *vm;
	int err = target(b, self, &vm);

	return err ? err : vm_set_paused(vm, on);
}

static int cmd_pause(struct ctl_bank *b, void *self)
{
	return pause(b, self, true);
}

static int cmd_resume(struct ctl_bank *b, void *self)
{
	return pause(b, self, false);
}

static int console_of(const struct ctl_bank *b, struct vuart **vu)
{
	if (!vm_by_id(b->arg[0]))
		return -ENOENT;
	*vu = vuart_find(b->arg[0]);
	return *vu ? 0 : -ENODEV;
}

static int cmd_console_read(struct ctl_bank *b, void *self)
{
	struct vuart *vu;
	int err = console_of(b, &vu);

	if (err)
		return err;
	memset(b->data, 0, sizeof(b->data));
	b->res[0] =
	    vuart_history_read(vu, b->arg[1], b->data, sizeof(b->data), &b->res[1], &b->res[2]);
	return 0;
}

static int cmd_console_write(struct ctl_bank *b, void *self)
{
	struct vuart *vu;
	int err = console_of(b, &vu);

	if (err)
		return err;
	if (b->arg[1] > sizeof(b->data))
		return -E2BIG;
	b->res[0] = vuart_input(vu, (const char *)b->data, b->arg[1]);
	return 0;
}

/*
 * The guest powers itself off through its own PSCI / SBI path, or does not:
 * shyperctl waits and forces a STOP after its timeout (no hypervisor timer).
 */
static int cmd_shutdown(struct ctl_bank *b, void *self)
{
	struct vm *vm;
	struct vuart *vu;
	int err = target(b, self, &vm);

	if (!err)
		err = console_of(b, &vu);
	if (err)
		return err;
	if (vm_state_code(vm) != CTL_STATE_RUNNING)
		return -EAGAIN;
	return vuart_send_sysrq(vu, 'o');
}

static int cmd_stats(struct ctl_bank *b, void *self)
{
	const struct vm *vm = vm_by_id(b->arg[0]);
	unsigned int c;

	if (!vm)
		return -ENOENT;
	for (c = 0; c < CTL_NR_EXITS; c++)
		ctl_put_u64(b, CTL_STAT_EXIT_LO(c), vm_exits(vm, c));
	b->res[CTL_STAT_VCPUS] = vm->nr_vcpus;
	b->res[CTL_STAT_RESTARTS] = (u32)vm->restarts;
	b->res[CTL_STAT_CRASHES] = (u32)vm->crashes;
	ctl_put_u64(b, CTL_STAT_UPTIME_LO, vm_uptime(vm));
	ctl_put_u64(b, CTL_STAT_IRQS_LO, vm_irqs_injected(vm));
	ctl_put_u64(b, CTL_STAT_HYP_TICKS_LO, vm_hyp_ticks(vm));
	b->res[CTL_STAT_TICK_HZ] = (u32)timer_freq();
	return 0;
}

static int cmd_stats_vcpu(struct ctl_bank *b, void *self)
{
	const struct vm *vm = vm_by_id(b->arg[0]);
	const struct vcpu *vcpu;
	unsigned int c;

	if (!vm || b->arg[1] >= vm->nr_vcpus)
		return -ENOENT;
	vcpu = &vm->vcpu[b->arg[1]];
	for (c = 0; c < CTL_NR_EXITS; c++)
		ctl_put_u64(b, CTL_STAT_EXIT_LO(c), vcpu_exits(vcpu, c));
	ctl_put_u64(b, CTL_CPU_HYP_TICKS_LO, vcpu_hyp_ticks(vcpu));
	b->res[CTL_CPU_TICK_HZ] = (u32)timer_freq();
	b->res[CTL_CPU_PCPU] = vm->cfg->pcpu[vcpu->id];
	return 0;
}

static int cmd_stats_pcpu(struct ctl_bank *b, void *self)
{
	const struct cpu *cpu = cpu_get(b->arg[0]);
	const struct vcpu *vcpu;
	unsigned int c;

	if (!cpu)
		return -ENOENT;
	vcpu = __atomic_load_n(&cpu->vcpu, __ATOMIC_ACQUIRE);
	for (c = 0; c < CTL_NR_EXITS; c++)
		ctl_put_u64(b, CTL_STAT_EXIT_LO(c), exit_stats_read(cpu->id, c));
	ctl_put_u64(b, CTL_CPU_HYP_TICKS_LO, exit_stats_hyp_ticks(cpu->id));
	b->res[CTL_CPU_TICK_HZ] = (u32)timer_freq();
	b->res[CTL_CPU_PCPU] = cpu->id;
	b->res[CTL_CPU_VM] = vcpu ? vcpu->vm->cfg->id : 0;
	b->res[CTL_CPU_ONLINE] = cpu->online;
	return 0;
}

/* [@off, @off + @size) inside the staging window, as the hypervisor sees it, or NULL. */
static const void *staged(u32 off, u32 size)
{
	if (!staging.size || off > staging.size || size > staging.size - off)
		return NULL;
	cache_arch_fetch_guest(staging.hpa + off, size);
	return (const void *)(uintptr_t)(staging.hpa + off);
}

/* A refusal's message, the boot's own, goes back in DATA (core/vm_create.c). */
static int cmd_create(struct ctl_bank *b, void *self)
{
	struct vm_create_req req;
	struct vm_create_blob *blob[] = {&req.overlay, &req.image[VM_IMAGE_KERNEL],
					 &req.image[VM_IMAGE_RAMDISK], &req.image[VM_IMAGE_DTB]};
	unsigned int i;
	int err;

	_Static_assert(ARRAY_SIZE(blob) * 2 <= CTL_NR_ARGS, "CREATE: an offset and a size each");
	for (i = 0; i < ARRAY_SIZE(blob); i++) {
		blob[i]->data = staged(b->arg[2 * i], b->arg[2 * i + 1]);
		blob[i]->size = b->arg[2 * i + 1];
		if (!blob[i]->data)
			return -ERANGE;
	}
	printk_capture((char *)b->data, sizeof(b->data));
	err = vm_create(&req, &b->res[0]);
	printk_capture(NULL, 0);
	if (!err)
		memset(b->data, 0, sizeof(b->data));
	return err;
}

/* The ABI's reasons and cause numbers are the hypervisor's own. */
_Static_assert(CTL_REASON_NONE == VM_STOPPED_NONE &&
		   CTL_REASON_GUEST_POWEROFF == VM_STOPPED_GUEST_POWEROFF &&
		   CTL_REASON_GUEST_REBOOT == VM_STOPPED_GUEST_REBOOT &&
		   CTL_REASON_MANAGEMENT == VM_STOPPED_MANAGEMENT &&
		   CTL_REASON_RELOAD_FAILED == VM_STOPPED_RELOAD_FAILED &&
		   CTL_REASON_CRASH_WATCHDOG == VM_STOPPED_CRASH_WATCHDOG &&
		   CTL_REASON_CRASH_FAULTED == VM_STOPPED_CRASH_FAULTED &&
		   CTL_REASON_CRASH_LOOP == VM_STOPPED_CRASH_LOOP &&
		   CTL_REASON_CRASH_SYSFAIL == VM_STOPPED_CRASH_SYSFAIL,
	       "control_abi.h stop reasons");

_Static_assert(CTL_EXIT_HYPERCALL == EXIT_CAUSE_HYPERCALL && CTL_EXIT_MMIO == EXIT_CAUSE_MMIO &&
		   CTL_EXIT_SYSREG == EXIT_CAUSE_SYSREG && CTL_EXIT_IRQ == EXIT_CAUSE_IRQ &&
		   CTL_EXIT_FAULT == EXIT_CAUSE_FAULT && CTL_NR_EXITS == NR_EXIT_CAUSES,
	       "control_abi.h exit causes");

static const ctl_command_fn commands[CTL_NR_CMDS] = {
    [CTL_CMD_VM_AT] = cmd_vm_at,
    [CTL_CMD_VM_INFO] = cmd_vm_info,
    [CTL_CMD_FREE] = cmd_free,
    [CTL_CMD_START] = cmd_start,
    [CTL_CMD_STOP] = cmd_stop,
    [CTL_CMD_REBOOT] = cmd_reboot,
    [CTL_CMD_DESTROY] = cmd_destroy,
    [CTL_CMD_PAUSE] = cmd_pause,
    [CTL_CMD_RESUME] = cmd_resume,
    [CTL_CMD_CONSOLE_READ] = cmd_console_read,
    [CTL_CMD_CONSOLE_WRITE] = cmd_console_write,
    [CTL_CMD_STATS] = cmd_stats,
    [CTL_CMD_CREATE] = cmd_create,
    [CTL_CMD_STATS_VCPU] = cmd_stats_vcpu,
    [CTL_CMD_STATS_PCPU] = cmd_stats_pcpu,
    [CTL_CMD_SHUTDOWN] = cmd_shutdown,
};

/* 32-bit accesses only: anything else is an abort in the guest, as for the doorbell. */
static int control_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv)
{
	u32 val;
	int err;

	if (acc->width != 4)
		return -EINVAL;
	spin_lock(&bank_lock);
	if (acc->write) {
		err = ctl_reg_write(&bank, offset, (u32)acc->value, commands, CTL_NR_CMDS, priv);
	} else {
		err = ctl_reg_read(&bank, offset, &val);
		acc->value = val;
	}
	spin_unlock(&bank_lock);
	return err;
}

/*
 * Ordinary host RAM, zeroed, mapped as the VM's RAM is (the guest maps it
 * uncached through /dev/mem, so its stores reach memory: the hypervisor
 * reads it with caches, after invalidating, in staging_read()). Taken from
 * the free RAM within the build, so a failed build gives it back.
 */
static int staging_init(struct vm *vm)
{
	const struct mem_region *win = &vm->cfg->layout.staging;
	int err;

	if (!win->size)
		return 0;
	err = platform_alloc(win->size, SZ_2M, &staging.hpa);
	if (err) {
		vm_err(vm, "staging window: no free host RAM for 0x%llx bytes\n",
		       (unsigned long long)win->size);
		return err;
	}
	mem_arch_scrub(staging.hpa, win->size);
	err = vm_arch_map(vm, win->base, staging.hpa, win->size, false);
	if (err) {
		vm_err(vm, "staging window: stage-2 mapping failed (%d)\n", err);
		return err;
	}
	staging.size = win->size;
	return 0;
}

int control_vm_init(struct vm *vm)
{
	const struct mem_region *page = &vm->cfg->layout.control;
	int err;

	if (vm->cfg->type != VM_TYPE_MANAGEMENT || !page->size)
		return 0;
	memset(&bank, 0, sizeof(bank));
	err = vm_register_mmio(vm, page->base, page->size, control_access, vm);
	if (err) {
		vm_err(vm, "control page: no room for another emulated device (%d)\n", err);
		return err;
	}
	err = staging_init(vm);
	if (!err)
		pr_info("vm%u (%s): control page at 0x%llx, staging window at 0x%llx (%llu KiB)\n",
			vm->cfg->id, vm->cfg->label, (unsigned long long)page->base,
			(unsigned long long)vm->cfg->layout.staging.base,
			(unsigned long long)(staging.size >> 10));
	return err;
}
