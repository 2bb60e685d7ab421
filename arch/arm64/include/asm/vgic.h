/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual GIC (v2 and v3): the interface between the VM core
 * (arch/arm64/vm.c, traps.c) and the interrupt code (arch/arm64/vgic*.c,
 * drivers/irqchip/gic-v*.c).
 */
#ifndef ASM_VGIC_H
#define ASM_VGIC_H

#include <shyper/errno.h>
#include <shyper/ratelimit.h>
#include <shyper/spinlock.h>
#include <shyper/types.h>

struct vm;
struct vcpu;
struct vcpu_regs;

#define VGIC_MAX_IRQS 1024
#define VGIC_MAX_PENDING 64

/**
 * struct vgic_irq - per-interrupt emulated state (distributor view)
 * @priority: GICD_IPRIORITYR byte, copied into the list register
 * @config: GICD_ICFGR field: edge (2) or level (0)
 * @target: vCPU id an SPI is delivered to (GICD_IROUTER Aff0 or the lowest
 *          bit of GICD_ITARGETSR)
 * @targets: GICv2 GICD_ITARGETSR byte as written; GICv3: IROUTER.IRM
 * @pending: latched while it cannot be delivered (disabled): one bit per
 *           source vCPU for GICv2 SGIs, bit 0 otherwise; updated atomically
 * @enabled: GICD_ISENABLER bit
 * @hw: backed by the physical interrupt of the same INTID (passthrough SPI,
 *      virtual timer PPI): its list register has the HW bit
 * @owned: an SPI the VM may see (passthrough or emulated device)
 * @level: line level of an emulated level-sensitive SPI (virtual UART)
 */
struct vgic_irq {
	u8 priority;
	u8 config;
	u8 target;
	u8 targets;
	u8 pending;
	bool enabled;
	bool hw;
	bool owned;
	bool level;
};

/**
 * struct vgic_cpu - per-vCPU virtual interface state
 * @sgi_ppi: banked SGIs and PPIs (GICv3: this vCPU's redistributor)
 * @pending: interrupts waiting for a free list register, each as
 *           INTID | source vCPU << 10, in arrival order
 * @nr_pending: entries used in @pending
 * @waker: GICv3 GICR_WAKER.ProcessorSleep as the guest left it
 * @lock: protects @pending; other CPUs append, this vCPU's CPU drains
 */
struct vgic_cpu {
	struct vgic_irq sgi_ppi[32];
	u32 pending[VGIC_MAX_PENDING];
	unsigned int nr_pending;
	bool waker;
	struct ratelimit lost; /* "pending queue full" reports (a guest can provoke them) */
	struct spinlock lock;
};

/**
 * struct vgic_dist - per-VM distributor state
 * @enabled: GICD_CTLR enables the (only) interrupt group
 * @ctlr: GICD_CTLR as written
 * @nr_lines: interrupt lines (the host's GICD_TYPER.ITLinesNumber)
 * @registered: MMIO regions and GICV mapping done (once per VM)
 * @spi: SPIs 32..1023
 * @lock: serialises guest configuration writes (never taken on delivery)
 */
struct vgic_dist {
	bool enabled;
	u32 ctlr;
	unsigned int nr_lines;
	bool registered;
	struct vgic_irq spi[VGIC_MAX_IRQS - 32];
	struct spinlock lock;
};

/**
 * vgic_vm_init() - set up the virtual distributor (and redistributors or
 * the GICv2 virtual CPU interface mapping) for @vm: registers MMIO
 * handlers with vm_register_mmio() at the guest addresses of the guest DTB
 * (the host GIC's addresses), maps GICV at GICC for v2 with vm_arch_map(),
 * marks the VM's passthrough interrupts (vm->cfg->irq[]) as hardware-backed.
 * Return: 0 or -errno.
 */
int vgic_vm_init(struct vm *vm);

/**
 * vgic_vcpu_init() - on the vCPU's physical CPU, before each (re)start of
 * the vCPU: resets its banked interrupts and the list registers, enables
 * the virtual interface and the physical virtual-timer PPI.
 */
void vgic_vcpu_init(struct vcpu *vcpu);

/**
 * vgic_vm_reset() - the VM's distributor back to its reset values, its
 * hardware SPIs quiet; from vm_arch_reset() (every vCPU is off).
 */
void vgic_vm_reset(struct vm *vm);

/**
 * vgic_set_level() - level-sensitive virtual SPI @intid of @vm (emulated
 * devices such as the virtual UART): high makes it pending.
 */
void vgic_set_level(struct vm *vm, u32 intid, bool high);

/**
 * vgic_handle_sysreg() - a trapped ICC_* system register access (EC 0x18):
 * ICC_SGI1R_EL1 (and ICC_ASGI1R_EL1, ICC_SGI0R_EL1) writes send SGIs to
 * the VM's own vCPUs only. The caller steps over the instruction on 0.
 * Return: 0 if handled, -ENOENT if not a GIC register.
 */
#ifdef CONFIG_ARM_GIC_V3
int vgic_handle_sysreg(struct vcpu *vcpu, u64 esr, struct vcpu_regs *regs);
#else
/* Only the GICv3 CPU interface is a set of system registers. */
static inline int vgic_handle_sysreg(struct vcpu *vcpu, u64 esr, struct vcpu_regs *regs)
{
	return -ENOENT;
}
#endif

/**
 * gic_handle_irq() - a physical interrupt taken at EL2 (from the guest or
 * while idle): acknowledge it; forward a passthrough interrupt or the
 * virtual timer PPI to its vCPU with the list register HW bit; run
 * hypervisor IPIs (kick, flush pending list registers). The host
 * console's interrupt (console_irq(), when non-zero) is EOIed,
 * deactivated and handed to console_handle_irq() (core/console_mux.c).
 * Loops until nothing is pending; call with IRQs masked.
 */
void gic_handle_irq(void);

/** gic_send_ipi() - a hypervisor SGI to physical CPU @cpu (kick). */
void gic_send_ipi(unsigned int cpu);

/**
 * gic_cpu_init() - enable this CPU's physical interface for EL2 use
 * (EOImode 1: priority drop and deactivation split, so guests deactivate
 * forwarded interrupts through the HW bit), and set HCR_EL2.IMO so a CPU
 * waiting at EL2 takes physical IRQs. Called on every CPU, after the
 * irqchip probe.
 */
void gic_cpu_init(void);

/**
 * gic_route_irq() - enable physical @intid and route it to physical CPU
 * @cpu (SPIs of passthrough devices follow their VM's first vCPU).
 */
void gic_route_irq(u32 intid, unsigned int cpu);

#endif
