// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V PLIC (riscv-plic-spec 1.0.0; Linux binding
 * sifive,plic-1.0.0.yaml). riscv,ndev is the number of sources; each
 * interrupts-extended pair (hart intc phandle, cause) is one context, in
 * context order; cause 9 marks a supervisor-mode context, which Shyper
 * uses from HS-mode (the M-mode contexts belong to the SBI firmware).
 */
#define pr_fmt(fmt) "plic: " fmt

#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/irq.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include "plic_dt.h"
#include <shyper/printk.h>
#include <asm/plic.h>

/* Register map, riscv-plic-spec chapter 3 ("Memory Map"). */
#define PLIC_PRIORITY(src) ((src)*4)
#define PLIC_ENABLE(ctx, src) (0x2000 + (ctx)*0x80 + ((src) / 32) * 4)
#define PLIC_THRESHOLD(ctx) (0x200000 + (ctx)*0x1000)
#define PLIC_CLAIM(ctx) (0x200004 + (ctx)*0x1000)
#define IRQ_S_EXT 9
#define NO_CONTEXT 0xffffffffU

struct plic_contexts {
	u32 total;
	u32 supervisor;
};

/* The only PLIC: its base, sources, and each CPU's S-mode context. */
static paddr_t plic_base;
static u32 plic_ndev;
static u32 cpu_context[CONFIG_MAX_CPUS];

/* The CPU whose hart-local interrupt controller node is @intc. */
static struct cpu *intc_cpu(const void *fdt, int intc)
{
	int cpu_node = fdt_parent_offset(fdt, intc);
	cpuid_t id;

	for (id = 0; id < cpu_count(); id++)
		if (cpu_get(id)->node == cpu_node)
			return cpu_get(id);
	return NULL;
}

/* Context n is entry n of interrupts-extended: <hart-intc cause> (riscv_intc_dt.c). */
static struct plic_contexts map_contexts(const void *fdt, int node)
{
	struct plic_contexts ctx = {0};
	int n = dt_irq_count(fdt, node);
	struct dt_irq irq;
	struct cpu *cpu;
	bool s_ext;

	for (; (int)ctx.total < n; ctx.total++) {
		s_ext = !dt_read_irq(fdt, node, ctx.total, &irq) && irq.hwirq == IRQ_S_EXT;
		cpu = s_ext ? intc_cpu(fdt, irq.ctrl) : NULL;
		if (cpu)
			cpu_context[cpu->id] = ctx.total;
		ctx.supervisor += s_ext;
	}
	return ctx;
}

/* Priority bits are WARL: write all ones to source 1 and see what sticks. */
static u32 priority_levels(paddr_t base)
{
	u32 levels;

	writel(~0U, base + PLIC_PRIORITY(1));
	levels = readl(base + PLIC_PRIORITY(1));
	writel(0, base + PLIC_PRIORITY(1));
	return levels;
}

static void set_enable(u32 ctx, u32 src, bool on)
{
	paddr_t reg = plic_base + PLIC_ENABLE(ctx, src);
	u32 bit = 1U << (src % 32);

	writel(on ? readl(reg) | bit : readl(reg) & ~bit, reg);
}

void plic_cpu_init(struct cpu *cpu)
{
	u32 ctx = cpu_context[cpu->id], src;

	if (!plic_base || ctx == NO_CONTEXT)
		return;
	for (src = 0; src <= plic_ndev; src += 32)
		writel(0, plic_base + PLIC_ENABLE(ctx, src));
	writel(0, plic_base + PLIC_THRESHOLD(ctx));
}

void plic_route(u32 src, const struct cpu *cpu)
{
	cpuid_t id;

	if (!plic_base || !src || src > plic_ndev)
		return;
	if (cpu && !readl(plic_base + PLIC_PRIORITY(src)))
		writel(1, plic_base + PLIC_PRIORITY(src));
	for (id = 0; id < cpu_count(); id++)
		if (cpu_context[id] != NO_CONTEXT)
			set_enable(cpu_context[id], src, cpu && cpu->id == id);
}

u32 plic_claim(void)
{
	u32 ctx = cpu_context[cpu_current()->id];

	return plic_base && ctx != NO_CONTEXT ? readl(plic_base + PLIC_CLAIM(ctx)) : 0;
}

void plic_complete(u32 src, const struct cpu *cpu)
{
	u32 ctx = cpu_context[cpu->id];

	if (plic_base && ctx != NO_CONTEXT)
		writel(src, plic_base + PLIC_CLAIM(ctx));
}

u32 plic_nr_sources(void)
{
	return plic_base ? plic_ndev + 1 : 0;
}

static __init int plic_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	struct plic_contexts ctx;
	struct plic_hw hw;
	paddr_t base;
	u64 size;
	u32 ndev, i;

	if (plic_dt_read(fdt, node, &base, &size, &ndev))
		return -EINVAL;
	if (mm_map_device(base, size))
		return -ENOMEM;
	for (i = 0; i < CONFIG_MAX_CPUS; i++)
		cpu_context[i] = NO_CONTEXT;
	ctx = map_contexts(fdt, node);
	plic_base = base;
	plic_ndev = ndev;
	hw = (struct plic_hw){ctx.total, ctx.supervisor, priority_levels(base)};
	return device_add(&plic_dt, fdt, node, id, &hw);
}

DRIVER_HW_DECLARE(plic, plic_dt, plic_probe);
