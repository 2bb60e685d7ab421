// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V PLIC (riscv-plic-spec 1.0.0; Linux binding
 * sifive,plic-1.0.0.yaml). riscv,ndev is the number of sources; each
 * interrupts-extended pair (hart intc phandle, cause) is one context, in
 * context order; cause 9 marks a supervisor-mode context.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/platform.h>

#define PLIC_PRIORITY(src) ((src)*4)
#define IRQ_S_EXT 9

struct plic_contexts {
	u32 total;
	u32 supervisor;
};

static struct plic_contexts count_contexts(const void *fdt, int node)
{
	struct plic_contexts ctx = {0};
	u32 cause;

	while (dt_read_u32_index(fdt, node, "interrupts-extended", ctx.total * 2 + 1, &cause) ==
	       0) {
		ctx.total++;
		ctx.supervisor += cause == IRQ_S_EXT;
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

static int plic_probe(const void *fdt, int node, const char *compatible)
{
	struct plic_contexts ctx;
	paddr_t base;
	u64 size;
	u32 ndev;

	if (dt_read_reg(fdt, node, 0, &base, &size) || dt_read_u32(fdt, node, "riscv,ndev", &ndev))
		return -EINVAL;
	ctx = count_contexts(fdt, node);
	platform_add_device(DEVICE_IRQCHIP, node, "plic",
			    "PLIC (%s) at 0x%llx, %u sources, %u contexts (%u S-mode), "
			    "max priority %u",
			    compatible, (unsigned long long)base, ndev, ctx.total, ctx.supervisor,
			    priority_levels(base));
	return 0;
}

static const char *const plic_compatible[] = {"sifive,plic-1.0.0", "riscv,plic0", NULL};
DRIVER_DECLARE(plic, "plic", DEVICE_IRQCHIP, plic_compatible, plic_probe);
