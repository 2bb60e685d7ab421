// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated PLIC (riscv-plic-spec 1.0.0, chapters 3-9): priorities,
 * pending bits, per-context enables, thresholds and claim/complete, one
 * S-mode context per vCPU. Each context's output (some enabled source
 * pending above its threshold) is the vCPU's VSEIP, set in hvip on the
 * vCPU's own hart. Passthrough sources are routed to the hart of the VM's
 * first vCPU, claimed there by the hypervisor, and completed on the
 * physical PLIC when the guest completes them (the physical gateway
 * holds the source meanwhile, like a level-triggered one).
 */
#include <string.h>
#include <shyper/console.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/irq.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <asm/plic.h>
#include <asm/vm.h>

#define PLIC_PENDING 0x1000
#define PLIC_ENABLE 0x2000
#define PLIC_ENABLE_STRIDE 0x80
#define PLIC_CONTEXT 0x200000
#define PLIC_CONTEXT_STRIDE 0x1000
#define PRIORITY_MASK 7 /* the host PLIC of QEMU virt has 7 levels */

static bool test(const u32 *map, u32 src)
{
	return map[src / 32] >> (src % 32) & 1;
}

static void assign(u32 *map, u32 src, bool on)
{
	if (on)
		map[src / 32] |= 1U << (src % 32);
	else
		map[src / 32] &= ~(1U << (src % 32));
}

/* The source a claim by context @ctx would return (9: ties to the lowest id). */
static u32 best(const struct vplic *p, unsigned int ctx)
{
	u32 src, found = 0, prio = p->threshold[ctx];

	for (src = 1; src < p->nr_sources; src++)
		if (test(p->pending, src) && test(p->enable[ctx], src) && p->priority[src] > prio) {
			found = src;
			prio = p->priority[src];
		}
	return found;
}

/* Recompute every context's output; tell the vCPUs whose output changed. */
static void update(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *vcpu = &vm->vcpu[i];
		bool eip = best(p, i) != 0;

		if (eip != __atomic_load_n(&vcpu->arch.eip, __ATOMIC_RELAXED)) {
			__atomic_store_n(&vcpu->arch.eip, eip, __ATOMIC_RELEASE);
			vcpu_request(vcpu, VCPU_REQ_EXT);
		}
	}
}

static u32 claim(struct vplic *p, unsigned int ctx)
{
	u32 src = best(p, ctx);

	if (src) {
		assign(p->pending, src, false);
		assign(p->claimed, src, true);
	}
	return src;
}

static void complete(struct vplic *p, u32 src)
{
	if (src >= p->nr_sources || !test(p->claimed, src))
		return;
	assign(p->claimed, src, false);
	if (test(p->hw, src))
		plic_complete(src, cpu_get(p->hw_cpu[src]));
	else if (test(p->level, src))
		assign(p->pending, src, true);
}

static u32 context_read(struct vplic *p, unsigned int ctx, u64 reg)
{
	if (reg == 0)
		return p->threshold[ctx];
	return reg == 4 ? claim(p, ctx) : 0;
}

static void context_write(struct vplic *p, unsigned int ctx, u64 reg, u32 val)
{
	if (reg == 0)
		p->threshold[ctx] = val & PRIORITY_MASK;
	else if (reg == 4)
		complete(p, val);
}

static u32 *enable_word(struct vm *vm, u64 off)
{
	u64 ctx = (off - PLIC_ENABLE) / PLIC_ENABLE_STRIDE;
	u64 word = (off - PLIC_ENABLE) % PLIC_ENABLE_STRIDE / 4;

	return ctx < vm->nr_vcpus ? &vm->arch.vplic.enable[ctx][word] : NULL;
}

static u32 plic_read(struct vm *vm, u64 off)
{
	struct vplic *p = &vm->arch.vplic;
	u32 *word;

	if (off < PLIC_PENDING)
		return off / 4 < p->nr_sources ? p->priority[off / 4] : 0;
	if (off < PLIC_PENDING + VPLIC_WORDS * 4)
		return p->pending[(off - PLIC_PENDING) / 4];
	if (off >= PLIC_ENABLE && off < PLIC_CONTEXT) {
		word = enable_word(vm, off);
		return word ? *word : 0;
	}
	if (off >= PLIC_CONTEXT && (off - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE < vm->nr_vcpus)
		return context_read(p, (off - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE,
				    off % PLIC_CONTEXT_STRIDE);
	return 0;
}

/* Writes to sources the VM does not own are ignored. */
static void plic_write(struct vm *vm, u64 off, u32 val)
{
	struct vplic *p = &vm->arch.vplic;
	u32 *word;

	if (off < PLIC_PENDING) {
		if (off / 4 < p->nr_sources && test(p->owned, off / 4))
			p->priority[off / 4] = val & PRIORITY_MASK;
	} else if (off >= PLIC_ENABLE && off < PLIC_CONTEXT) {
		word = enable_word(vm, off);
		if (word)
			*word = val & p->owned[(off - PLIC_ENABLE) % PLIC_ENABLE_STRIDE / 4];
	} else if (off >= PLIC_CONTEXT &&
		   (off - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE < vm->nr_vcpus) {
		context_write(p, (off - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE,
			      off % PLIC_CONTEXT_STRIDE, val);
	}
}

static int vplic_access(struct vcpu *vcpu, struct mmio_access *acc, u64 off, void *priv)
{
	struct vm *vm = vcpu->vm;

	if (acc->width != 4 || (off & 3))
		return -EINVAL;
	spin_lock(&vm->arch.vplic.lock);
	if (acc->write)
		plic_write(vm, off, (u32)acc->value);
	else
		acc->value = plic_read(vm, off);
	update(vm);
	spin_unlock(&vm->arch.vplic.lock);
	return 0;
}

int vplic_vm_init(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;
	const struct vm_config *cfg = vm->cfg;
	const struct mem_region *frame = &cfg->layout.irqchip[0];
	unsigned int i;

	/* Same address and size as the host PLIC, as the guest DT says (struct vm_layout). */
	p->nr_sources = MIN(plic_nr_sources(), (u32)VPLIC_MAX_SOURCES);
	p->base = frame->base;
	if (!p->nr_sources || !cfg->layout.nr_irqchip)
		return -ENODEV; /* refused at validation (vm_layout_compute) */
	for (i = 0; i < cfg->nr_irqs; i++) {
		u32 src = cfg->irq[i];

		if (!src || src >= p->nr_sources)
			continue;
		assign(p->owned, src, true);
		assign(p->hw, src, true);
		irq_claim(src, vm); /* validated: no other VM has it */
		plic_route(src, vm->vcpu[0].pcpu);
	}
	if (cfg->vuart && console_irq() && console_irq() < p->nr_sources)
		assign(p->owned, console_irq(), true);
	return vm_register_mmio(vm, p->base, frame->size, vplic_access, NULL);
}

/* A VM (re)starting: forget everything, hand back held physical sources. */
static void reset_all(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;
	u32 src;

	for (src = 1; src < p->nr_sources; src++)
		if (test(p->hw, src) && test(p->claimed, src))
			plic_complete(src, cpu_get(p->hw_cpu[src]));
	memset(p->priority, 0, sizeof(p->priority));
	memset(p->claimed, 0, sizeof(p->claimed));
	memset(p->enable, 0, sizeof(p->enable));
	memset(p->threshold, 0, sizeof(p->threshold));
	memcpy(p->pending, p->level, sizeof(p->pending));
}

void vplic_vm_reset(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;

	spin_lock(&p->lock);
	reset_all(vm);
	spin_unlock(&p->lock);
}

void vplic_vcpu_reset(struct vcpu *vcpu)
{
	struct vplic *p = &vcpu->vm->arch.vplic;

	spin_lock(&p->lock);
	memset(p->enable[vcpu->id], 0, sizeof(p->enable[vcpu->id]));
	p->threshold[vcpu->id] = 0;
	__atomic_store_n(&vcpu->arch.eip, false, __ATOMIC_RELEASE);
	spin_unlock(&p->lock);
}

void vplic_set_level(struct vm *vm, u32 src, bool high)
{
	struct vplic *p = &vm->arch.vplic;

	if (src >= p->nr_sources)
		return;
	spin_lock(&p->lock);
	assign(p->level, src, high);
	/* An emulated line that drops before the claim takes its request back. */
	assign(p->pending, src, high && !test(p->claimed, src));
	update(vm);
	spin_unlock(&p->lock);
}

/* A physical source @vm owns (core/irq.c table), claimed on this hart. */
void irq_arch_forward(struct vm *vm, u32 src)
{
	struct vplic *p = &vm->arch.vplic;

	if (src >= p->nr_sources)
		return;
	spin_lock(&p->lock);
	assign(p->pending, src, true);
	assign(p->claimed, src, false);
	p->hw_cpu[src] = cpu_current()->id;
	update(vm);
	spin_unlock(&p->lock);
}
