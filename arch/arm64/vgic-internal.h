/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the vGIC files only: the interrupt state machine (vgic.c), the
 * list register back-ends (vgic-v2.c, vgic-v3.c) and the table-driven
 * register emulation (vgic-dist.c).
 */
#ifndef ARM64_VGIC_INTERNAL_H
#define ARM64_VGIC_INTERNAL_H

#include <shyper/cpu.h>
#include <shyper/vm.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

#define VGIC_MAX_LRS 16
#define VGIC_PRIO_RESET 0

/* A queued interrupt: INTID [9:0], source vCPU [12:10] (GICv2 SGIs). */
#define VGIC_DESC(intid, src) ((intid) | ((u32)(src) << 10))
#define VGIC_DESC_INTID(d) ((d)&0x3ff)
#define VGIC_DESC_SRC(d) (((d) >> 10) & 0x7)

/* List register state, the same two bits in GICv2 and GICv3. */
enum { LR_INVALID, LR_PENDING, LR_ACTIVE, LR_PENDING_ACTIVE };

/**
 * struct vgic_lr - a list register, version-neutral
 * @eoi: ask for an EOI maintenance interrupt when the guest deactivates it
 *       (emulated level-sensitive interrupts, to resample their line)
 */
struct vgic_lr {
	u32 intid;
	u8 src;
	u8 prio;
	u8 state;
	bool hw;
	bool eoi;
};

/**
 * struct vgic_backend - one GIC version's virtual CPU interface and
 * register emulation
 * @vm_init: register the VM's MMIO regions (and map GICV for GICv2)
 * @cpu_reset: this CPU's list registers, active priorities and VMCR
 *             cleared, the virtual interface enabled
 * @lr_get, @lr_set: list register @n of this CPU
 * @empty_lrs: bitmap of free list registers (ELRSR)
 * @eoi_lrs: bitmap of list registers with an EOI maintenance (EISR)
 * @set_uie: underflow maintenance interrupt on or off
 * @nr_lrs: list registers implemented (VTR.ListRegs + 1)
 */
struct vgic_backend {
	int (*vm_init)(struct vm *vm);
	void (*cpu_reset)(void);
	void (*lr_get)(unsigned int n, struct vgic_lr *lr);
	void (*lr_set)(unsigned int n, const struct vgic_lr *lr);
	u32 (*empty_lrs)(void);
	u32 (*eoi_lrs)(void);
	void (*set_uie)(bool on);
	unsigned int (*nr_lrs)(void);
};

extern const struct vgic_backend vgic_v2_backend;
extern const struct vgic_backend vgic_v3_backend;

/* Interrupt state machine (vgic.c). */
struct vgic_irq *vgic_get_irq(struct vcpu *owner, u32 intid);
void vgic_raise(struct vcpu *owner, u32 intid, unsigned int src);
void vgic_update(struct vcpu *owner, u32 intid);
void vgic_enable(struct vcpu *owner, u32 intid, bool on);
void vgic_clear_pending(struct vcpu *owner, u32 intid);
void vgic_set_target(struct vm *vm, u32 intid, unsigned int vcpu_id);
void vgic_ctlr_write(struct vm *vm, bool enabled);
/* A PPI forwarded as a hardware interrupt to this CPU's vCPU (the virtual timer). */
bool vgic_forward_ppi(u32 intid);
void vgic_maintenance(void);
void vgic_flush(void);

/**
 * struct vgic_ctx - one emulated register access
 * @vcpu: the vCPU accessing
 * @owner: whose banked SGIs/PPIs the frame shows (GICv2: @vcpu; GICv3
 *         redistributor: the frame's vCPU)
 * @first, @end: the INTIDs this frame serves, [first, end)
 */
struct vgic_ctx {
	struct vcpu *vcpu;
	struct vcpu *owner;
	u32 first;
	u32 end;
};

/**
 * struct vgic_field - a group of registers with @bits bits per interrupt,
 * starting at @offset (GICD_ISENABLER<n>, GICD_IPRIORITYR<n>, ...)
 * @get: the field of one interrupt; NULL reads as zero
 * @set: store the field of one interrupt; NULL ignores writes
 */
struct vgic_field {
	u32 offset;
	u8 bits;
	u32 (*get)(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq);
	void (*set)(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val);
};

/**
 * struct vgic_reg - one register (or an 8-byte pair) of a frame
 * @read: its value; NULL reads as zero
 * @write: store it; NULL ignores writes
 */
struct vgic_reg {
	u32 offset;
	u8 size;
	u64 (*read)(struct vgic_ctx *c);
	void (*write)(struct vgic_ctx *c, u64 val);
};

/**
 * vgic_field_access() - an access that falls in one of @fields
 * Return: true if a field group holds @off.
 */
bool vgic_field_access(const struct vgic_field *fields, unsigned int n, struct vgic_ctx *c, u64 off,
		       struct mmio_access *acc);

/**
 * vgic_reg_access() - an access to one of @regs
 * Return: true if a register holds @off.
 */
bool vgic_reg_access(const struct vgic_reg *regs, unsigned int n, struct vgic_ctx *c, u64 off,
		     struct mmio_access *acc);

/**
 * struct vgic_frame - an emulated register frame: its own registers and
 * per-interrupt fields
 * @irq_fields: the frame also has the per-interrupt registers every
 *              distributor and the SGI_base frame share at the same offsets
 *              (IGROUPR to ICFGR); the RD_base frame has not (IHI 0069 12.10)
 */
struct vgic_frame {
	const struct vgic_reg *regs;
	unsigned int nr_regs;
	const struct vgic_field *fields;
	unsigned int nr_fields;
	bool irq_fields;
};

/**
 * vgic_frame_access() - one guest access to @fr at offset @off: registers,
 * then the shared per-interrupt fields (if @fr has them), then @fr's fields; anything else reads as
 * zero and ignores writes Return: 0, or -EINVAL for an unaligned access (the guest gets an abort).
 */
int vgic_frame_access(const struct vgic_frame *fr, struct vgic_ctx *c, u64 off,
		      struct mmio_access *acc);

/* Local interrupt masking around list register and queue updates. */
static inline u64 vgic_irq_save(void)
{
	u64 flags = read_sysreg(daif);

	__asm__ volatile("msr daifset, #2" : : : "memory");
	return flags;
}

static inline void vgic_irq_restore(u64 flags)
{
	write_sysreg(flags, daif);
}

#endif
