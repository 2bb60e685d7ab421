/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A VM's virtual watchdog ("watchdog" property, Documentation/bindings.md,
 * "Watchdog"): a register model the guest's stock kernel drives (the Arm
 * SP805 for GIC guests, Allwinner's A31 watchdog for PLIC guests), whose
 * expiry is a crash of the VM (vm_crash(), VM_CRASH_WATCHDOG). Time is the
 * hypervisor's counter: the model keeps the counter tick of its next event
 * (@deadline) and the CPU that touched it last arms its hypervisor timer
 * there, so nothing polls.
 *
 * The register logic is free of the rest of the hypervisor (the unit suite
 * runs it, tests/unit/vwdt_test.c): core/vwdt.c feeds it the time, calls
 * it, and carries out @bitten.
 */
#ifndef SHYPER_VWDT_H
#define SHYPER_VWDT_H

#include <shyper/spinlock.h>
#include <shyper/types.h>
#include <shyper/vm_layout.h>

/* The fixed clock the SP805 counts, as the guest DT gives it. */
#define VWDT_SP805_HZ 1000000

/**
 * struct vwdt_desc - what the guest DT says of a model (core/vwdt_dt.c)
 * @compatible: its compatible list, NUL-separated, @compatible_len bytes
 * @size: its register window (trapped as whole pages)
 * @clock_hz: its fixed clock, 0 when the driver needs none
 */
enum vwdt_kind {
	VWDT_SP805,
	VWDT_SUNXI,
	VWDT_NR_KINDS,
};

struct vwdt_desc {
	enum vwdt_kind kind;
	const char *name;
	const char *compatible;
	int compatible_len;
	u64 size;
	u32 clock_hz;
};

/** vwdt_desc_of() - the model a guest with interrupt controller @chip gets, or NULL. */
const struct vwdt_desc *vwdt_desc_of(enum guest_irqchip chip);

struct vwdt;

/**
 * struct vwdt_ops - one register model (core/vwdt_<model>.c)
 * @reset: the state after a reset: stopped
 * @read: a 32-bit register read at @off (0, or -EINVAL: an abort)
 * @write: a 32-bit register write
 * @expire: @deadline passed: the next stage (a new @deadline), or @bitten
 */
struct vwdt_ops {
	void (*reset)(struct vwdt *w);
	int (*read)(struct vwdt *w, u64 off, u32 *val);
	int (*write)(struct vwdt *w, u64 off, u32 val);
	void (*expire)(struct vwdt *w);
};

/**
 * struct vwdt - one VM's watchdog
 * @now: the counter when the current access or expiry happens
 * @freq: counter ticks per second
 * @deadline: counter tick of the next expiry, 0 when it is stopped
 * @bitten: it expired for good: the VM crashed
 * @start: when the current count began
 * @paused_at: when its VM was paused (the management VM's pause), or 0
 * @regs: the model's registers
 */
struct vwdt {
	const struct vwdt_ops *ops;
	const struct vwdt_desc *desc;
	struct vm *vm;
	u64 now;
	u64 freq;
	u64 deadline;
	bool bitten;
	u64 start;
	u64 paused_at;
	u32 regs[8];
	struct spinlock lock;
};

extern const struct vwdt_ops vwdt_sp805_ops;
extern const struct vwdt_ops vwdt_sunxi_ops;

/**
 * vwdt_advance() - bring @w to counter tick @now: every expiry due by then,
 * in order, stopping at a bite
 */
void vwdt_advance(struct vwdt *w, u64 now);

/**
 * vwdt_access() - a 32-bit guest access to @w at register offset @off,
 * counter tick @now: the expiries due first, then the read (*@val) or
 * write; once bitten (the system is in reset), writes are ignored.
 * Return: 0, or -EINVAL for an offset the model has no register at.
 */
int vwdt_access(struct vwdt *w, u64 off, bool write, u32 *val, u64 now);

/** vwdt_ticks() - counter ticks for @cycles of a @hz clock. */
static inline u64 vwdt_ticks(const struct vwdt *w, u64 cycles, u64 hz)
{
	return cycles / hz * w->freq + cycles % hz * w->freq / hz;
}

struct vm;

#ifdef CONFIG_VWDT
/** vwdt_vm_init() - @vm's watchdog, when its node asks for one; its MMIO registered. */
int vwdt_vm_init(struct vm *vm);
/** vwdt_reset() - stop @vm's watchdog (the VM restarts). */
void vwdt_reset(struct vm *vm);
/** vwdt_set_paused() - @vm is paused or resumed: its watchdog's time stands still. */
void vwdt_set_paused(struct vm *vm, bool paused);
/** vwdt_timer_fired() - this CPU's hypervisor timer fired: expire what is due. */
void vwdt_timer_fired(void);
#else
/* Without CONFIG_VWDT, vm_parse.c refuses the "watchdog" property. */
static inline int vwdt_vm_init(struct vm *vm)
{
	(void)vm;
	return 0;
}
static inline void vwdt_reset(struct vm *vm)
{
	(void)vm;
}
static inline void vwdt_timer_fired(void)
{
}
static inline void vwdt_set_paused(struct vm *vm, bool paused)
{
	(void)vm;
	(void)paused;
}
#endif

#endif
