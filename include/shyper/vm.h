/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running VMs. A struct vm is built from a validated struct vm_config; each
 * of its vCPUs is pinned to one physical CPU that the VM owns alone, so a
 * vCPU's registers stay on that CPU (static partitioning).
 */
#ifndef SHYPER_VM_H
#define SHYPER_VM_H

#include <shyper/exit_stats.h>
#include <shyper/spinlock.h>
#include <shyper/types.h>
#include <shyper/vm_config.h>
#include <shyper/vm_crash.h>
#include <shyper/vm_fsm.h>
#include <asm/vm.h>

/* vGIC frames, vuart, shmem doorbells and virtio devices (VM_MAX_SHMEM + VM_MAX_VIRTIO). */
#define VM_MAX_EMUL 12

struct vm;
struct vuart;

/**
 * struct vcpu - a virtual CPU
 * @vm: its VM
 * @id: index inside the VM; the guest sees vcpu_hwid()
 * @pcpu: the physical CPU it is pinned to
 * @entry: where CPU_ON starts it
 * @context: CPU_ON context id (x0 / a1)
 * @exit_base: its CPU's exit counters when the VM was built, so that the
 *             VM's own entries are the difference (vcpu_exits())
 * @hyp_base: its CPU's hypervisor time when the VM was built (vcpu_hyp_ticks())
 * @arch: registers and interrupt controller state
 */
struct vcpu {
	struct vm *vm;
	unsigned int id;
	struct cpu *pcpu;
	u64 entry;
	u64 context;
	u64 exit_base[NR_EXIT_CAUSES];
	u64 hyp_base;
	struct vcpu_arch arch;
};

/**
 * struct mmio_access - one trapped guest load or store
 * @addr: guest-physical address
 * @width: bytes (1, 2, 4, 8)
 * @write: a store; @value holds the data
 * @value: the data stored, or where the handler puts the data loaded
 */
struct mmio_access {
	u64 addr;
	unsigned int width;
	bool write;
	u64 value;
};

/**
 * mmio_load_value() - what a completed load puts in its register: @acc's
 * value cut to the access width, sign-extended when the instruction asks
 * (@sign); shared by the arm64 and riscv MMIO exits
 */
static inline u64 mmio_load_value(const struct mmio_access *acc, bool sign)
{
	unsigned int bits = acc->width * 8;
	u64 val = acc->value;

	if (bits >= 64)
		return val;
	val &= (1ULL << bits) - 1;
	if (sign && (val >> (bits - 1)) & 1)
		val |= ~0ULL << bits;
	return val;
}

/**
 * struct mmio_region - an emulated device in guest-physical space
 * @handle: returns 0, or -errno to inject an abort into the guest
 */
struct mmio_region {
	u64 base;
	u64 size;
	int (*handle)(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv);
	void *priv;
};

/* Why a VM is off or destroyed, for the management VM (CTL_REASON_*). */
enum vm_stop_reason {
	VM_STOPPED_NONE,
	VM_STOPPED_GUEST_POWEROFF,
	VM_STOPPED_GUEST_REBOOT,
	VM_STOPPED_MANAGEMENT,
	VM_STOPPED_RELOAD_FAILED,
	VM_STOPPED_CRASH_WATCHDOG,
	VM_STOPPED_CRASH_FAULTED,
	VM_STOPPED_CRASH_LOOP,
	VM_STOPPED_CRASH_SYSFAIL,
};

/**
 * struct vm - a running VM
 * @cfg: its validated description
 * @vmid: stage-2 / G-stage VMID
 * @fsm: the VM's and its vCPUs' states (enum vm_state, enum vcpu_state),
 *       changed under @lock by core/vm.c only
 * @dtb_gpa: where its DTB sits in guest memory
 * @why_stopped: the last reason it stopped running (enum vm_stop_reason)
 * @restarts: restarts since it was built (its reboots, crash restarts)
 * @crashes: crashes detected since it was built
 * @crash_log: its recent crash restarts, for "restart-limit"
 * @vwdt: its virtual watchdog, or NULL (core/vwdt.c)
 * @released: destroyed, and its CPUs, memory and interrupts given back
 * @paused: the management VM paused it (CTL_CMD_PAUSE): its vCPUs wait in
 *          the hypervisor at their next exit, and go on when it is cleared
 * @irqs_injected: virtual interrupts made pending in its vCPUs since it was
 *                 built (vm_irq_injected())
 * @up_since: the counter at its last start (vm_uptime_start())
 * @paused_at: the counter when it was last paused
 * @paused_ticks: ticks it spent paused since @up_since
 */
struct vm {
	const struct vm_config *cfg;
	u16 vmid;
	bool paused; /* next to fsm: vcpu_check_state() reads both on every exit */
	struct vm_fsm fsm;
	unsigned int nr_vcpus;
	struct vcpu vcpu[VM_MAX_VCPUS];
	unsigned int nr_mmio;
	struct mmio_region mmio[VM_MAX_EMUL];
	u64 dtb_gpa;
	u64 loads; /* images loaded: at build, then once per reset (the seed's nonce) */
	int why_stopped;
	u64 restarts;
	u64 crashes;
	struct vm_crash_log crash_log;
	u64 irqs_injected;
	u64 up_since;
	u64 paused_at;
	u64 paused_ticks;
	struct vwdt *vwdt;
	bool released;
	struct spinlock lock;
	struct vm_arch arch;
	struct vuart *vuart;
};

/** vm_register_mmio() - emulate [base, base + size) for @vm. */
int vm_register_mmio(struct vm *vm, u64 base, u64 size,
		     int (*handle)(struct vcpu *, struct mmio_access *, u64, void *), void *priv);

/**
 * vm_handle_mmio() - dispatch a trapped access to the region holding it
 * Return: 0, -ENOENT when no region holds it (the guest gets an abort).
 */
int vm_handle_mmio(struct vcpu *vcpu, struct mmio_access *acc);

/** vm_count() / vm_get() - the VMs built at boot. */
unsigned int vm_count(void);
struct vm *vm_get(unsigned int index);

/** vm_slot_free() - the slot a VM created now takes: a released one, else a new one, or -ENOSPC. */
int vm_slot_free(void);

/** vm_live_configs() - the descriptions of every VM not released, into @out (VM_MAX entries). */
unsigned int vm_live_configs(struct vm_config *out);

/**
 * vm_add() - build the validated @cfg (kept by the caller for the VM's
 * life) in @slot (vm_slot_free()) and start it; a failed build leaves the
 * slot as it was
 * Return: 0 or vm_build()'s -errno.
 */
int vm_add(unsigned int slot, const struct vm_config *cfg);

/** vm_create_release() - free what core/vm_create.c holds for the VM in @slot. */
void vm_create_release(unsigned int slot);

/** vm_boot_all() - build every accepted VM and mark boot vCPUs to start. */
void vm_boot_all(const void *fdt);

/** vcpu_current() - the vCPU of this physical CPU, or NULL. */
struct vcpu *vcpu_current(void);

/** vcpu_state() - enum vcpu_state of @vcpu, read without the VM's lock. */
static inline int vcpu_state(const struct vcpu *vcpu)
{
	return vm_fsm_vcpu(&vcpu->vm->fsm, vcpu->id);
}

/** vcpu_by_id() - vCPU @id of @vm, or NULL. */
struct vcpu *vcpu_by_id(struct vm *vm, u64 id);

/**
 * vcpu_by_hwid() - the vCPU of @vm whose MPIDR affinity (arm64) or hart id
 * (riscv) is @hwid, as its DT says (struct vm_layout), or NULL
 */
struct vcpu *vcpu_by_hwid(struct vm *vm, u64 hwid);

/** vcpu_hwid() - MPIDR affinity (arm64) or hart id (riscv) of @vcpu. */
static inline u64 vcpu_hwid(const struct vcpu *vcpu)
{
	return vcpu->vm->cfg->layout.vcpu_hwid[vcpu->id];
}

/** vcpu_run_loop() - a VM-owned CPU: wait for its vCPU, run it; never returns. */
void vcpu_run_loop(struct cpu *cpu) __noreturn;

/**
 * vcpu_power_on() - PSCI CPU_ON / SBI HART_START of @vcpu by @caller
 * Return: 0; -EBUSY when @vcpu is not off; -EAGAIN when the VM is
 * stopping (the caller parks next).
 */
int vcpu_power_on(struct vcpu *caller, struct vcpu *vcpu, u64 entry, u64 context);

/** vcpu_power_off() - the calling vCPU stops (CPU_OFF); does not return to it. */
void vcpu_power_off(struct vcpu *vcpu);

/* vcpu_check_state()'s slow path: wait while paused, park when stopped. */
void vcpu_check_state_slow(struct vcpu *vcpu);

/**
 * vcpu_check_state() - at the end of every exit: park this vCPU if it or
 * its VM was stopped meanwhile (does not return then), wait while its VM
 * is paused. Inline: on every exit of a running VM it is two loads.
 */
static inline void vcpu_check_state(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;

	if (__builtin_expect(__atomic_load_n(&vm->paused, __ATOMIC_RELAXED) ||
				 vm_fsm_vm(&vm->fsm) != VM_RUNNING,
			     0))
		vcpu_check_state_slow(vcpu);
}

/** vm_poweroff() - stop every vCPU of @vm (PSCI SYSTEM_OFF, SBI SRST). */
void vm_poweroff(struct vm *vm);

/** vm_reset() - restart @vm from its original images (SYSTEM_RESET). */
void vm_reset(struct vm *vm);

/**
 * vm_crash() - @vm crashed (@kind): restart, stop or destroy it as its
 * "on-crash" and "restart-limit" say. From any CPU: a hypervisor step,
 * the VM's running vCPUs are kicked. Nothing when it is not running.
 */
void vm_crash(struct vm *vm, enum vm_crash_kind kind);

/**
 * vcpu_died() - @vcpu, the caller, took a fault it cannot recover from
 * (guest_fault_fatal()): it stops; when no other vCPU of its VM runs,
 * the VM crashed (VM_CRASH_FAULTED).
 */
void vcpu_died(struct vcpu *vcpu) __noreturn;

/**
 * vm_request() - the hypervisor acts on @vm for the management VM:
 * VM_EV_START, VM_EV_POWEROFF, VM_EV_RESET or VM_EV_DESTROY, with no actor
 * Return: 0, or vm_fsm_step()'s -EAGAIN / -EINVAL (nothing changed).
 */
int vm_request(struct vm *vm, enum vm_event ev);

/**
 * vm_release() - give a destroyed @vm's resources back once its vCPUs
 * parked: its physical CPUs (free for another VM), its RAM (scrubbed, back
 * in platform.usable), its interrupt lines and its virtual UART. Its VM
 * slot and its stage-2 / G-stage tables are kept (it is listed as
 * destroyed; they return with VMs created at run time).
 * Return: 0; -EAGAIN when it is not destroyed or already released;
 * -EBUSY when a vCPU did not park within a second (nothing released).
 */
int vm_release(struct vm *vm);

/**
 * vm_set_paused() - pause (@paused) or resume a running @vm
 * Return: 0, or -EAGAIN when it is not running or already in that state.
 */
int vm_set_paused(struct vm *vm, bool paused);

/** vcpu_exits() - @vcpu's hypervisor entries of @cause since its VM was built. */
u64 vcpu_exits(const struct vcpu *vcpu, enum exit_cause cause);

/** vm_exits() - the sum of vcpu_exits() over @vm's vCPUs. */
u64 vm_exits(const struct vm *vm, enum exit_cause cause);

/*
 * vm_irq_injected() - one more virtual interrupt made pending in a vCPU of
 * @vm (the vGIC's list registers or queue, riscv's hvip): called by the one
 * injection point of each kind, from any CPU.
 */
static inline void vm_irq_injected(struct vm *vm)
{
	__atomic_fetch_add(&vm->irqs_injected, 1, __ATOMIC_RELAXED);
}

/** vm_irqs_injected() - virtual interrupts injected into @vm since it was built. */
u64 vm_irqs_injected(const struct vm *vm);

/** vcpu_hyp_ticks() - counter ticks @vcpu spent in hypervisor exits since its VM was built. */
u64 vcpu_hyp_ticks(const struct vcpu *vcpu);

/** vm_hyp_ticks() - the sum of vcpu_hyp_ticks() over @vm's vCPUs. */
u64 vm_hyp_ticks(const struct vm *vm);

/** vm_uptime_start() - @vm (re)starts now: its uptime counts from 0. */
void vm_uptime_start(struct vm *vm);

/** vm_uptime_pause() - @vm's uptime stands still from now (@paused) or goes on. */
void vm_uptime_pause(struct vm *vm, bool paused);

/**
 * vm_uptime() - counter ticks @vm ran since its last start, its pauses
 * left out; 0 when it is not running (off, resetting, destroyed)
 */
u64 vm_uptime(const struct vm *vm);

/** vm_state_name() - vm_fsm_state_name() of @vm, or "paused" for a paused running VM. */
const char *vm_state_name(const struct vm *vm);

/** vm_is_paused() - @vm runs, paused by the management VM. */
bool vm_is_paused(const struct vm *vm);

/** vm_printf() - a hypervisor message about @vm, tagged with its name. */
#define vm_err(vm, fmt, ...) \
	pr_err("vm%u (%s): " fmt, (vm)->cfg->id, (vm)->cfg->label, ##__VA_ARGS__)

/** vm_map_memory() - stage-2 map the VM's RAM and passthrough MMIO. */
int vm_map_memory(struct vm *vm);

/** vm_devices_init() - interrupt controller and virtual UART of @vm. */
int vm_devices_init(struct vm *vm);

/** vm_load() - copy the images into guest RAM and write its DTB. */
int vm_load(struct vm *vm);

/**
 * vuart_init() - the VM's virtual UART, modelled on the host console, at
 * the address of the VM's layout
 * Return: 0, or -errno with nothing registered.
 */
int vuart_init(struct vm *vm);

/** vuart_exit() - unregister @vm's virtual UART (an unwound build). */
void vuart_exit(struct vm *vm);

/** vm_devices_exit() - undo vm_devices_init(): interrupt ownership, vuart. */
void vm_devices_exit(struct vm *vm);

/* Architecture hooks. */
int vm_arch_devices_init(struct vm *vm);
int vm_arch_init(struct vm *vm);
/** vm_arch_free() - give a released @vm's stage-2 / G-stage tables back (core/vm_create.c). */
void vm_arch_free(struct vm *vm);
/**
 * vm_arch_reset() - @vm (re)starts from its vCPU 0 with every vCPU off:
 * its virtual interrupt controller back to reset. Core calls it at the
 * first start and at every restart; arch never infers it.
 */
void vm_arch_reset(struct vm *vm);
int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device);
void vcpu_arch_reset(struct vcpu *vcpu, u64 entry, u64 arg);
void vcpu_arch_run(struct vcpu *vcpu) __noreturn;
void vcpu_arch_kick(struct vcpu *vcpu);
/**
 * vcpu_arch_park() - @vcpu leaves its CPU (off, stopped, destroyed): what
 * the guest armed there must not interrupt the CPU afterwards
 */
void vcpu_arch_park(struct vcpu *vcpu);
/**
 * vcpu_arch_wait_paused() - one wait of @vcpu, paused in one of its exits
 * with its state live on this CPU: interrupts are taken, the guest's own
 * interrupt and timer state is left as it is (unlike cpu_arch_wait() on
 * riscv, which quiesces it for a CPU with no vCPU loaded)
 */
void vcpu_arch_wait_paused(struct vcpu *vcpu);

#endif
