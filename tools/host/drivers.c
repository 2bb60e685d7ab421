// SPDX-License-Identifier: GPL-2.0-only
/*
 * The offline checker's stand-ins for drivers/: same compatibles, same
 * probe classes and order, same platform records, but no register access.
 * Fields that the hypervisor reads from hardware (GIC lines, IIDR, PLIC
 * contexts, CNTFRQ) are printed as "?". Keep the compatible lists in step
 * with the drivers/ directory; tests/tools/check-driver-tables.sh
 * compares them.
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/platform.h>
#include <shyper/timer.h>

static int gicv2_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t reg[4] = {0};
	u64 size;
	int i;

	for (i = 0; i < 4; i++)
		if (dt_read_reg(fdt, node, i, &reg[i], &size) && i < 2)
			return -EINVAL;
	platform_add_device(DEVICE_IRQCHIP, node, "gic-v2",
			    "GICv2 (%s) dist 0x%llx cpu 0x%llx hyp 0x%llx vcpu 0x%llx, "
			    "? lines, ? cpu interfaces, iidr ?",
			    compatible, (unsigned long long)reg[0], (unsigned long long)reg[1],
			    (unsigned long long)reg[2], (unsigned long long)reg[3]);
	return 0;
}

static int gicv3_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t dist, redist;
	u64 size;
	u32 regions = 1;

	if (dt_read_reg(fdt, node, 0, &dist, &size) || dt_read_reg(fdt, node, 1, &redist, &size))
		return -EINVAL;
	dt_read_u32(fdt, node, "#redistributor-regions", &regions);
	platform_add_device(DEVICE_IRQCHIP, node, "gic-v3",
			    "GICv3 (%s) dist 0x%llx redist 0x%llx, ? redistributors in %u "
			    "region(s), ? lines, arch rev ?",
			    compatible, (unsigned long long)dist, (unsigned long long)redist,
			    regions);
	return 0;
}

static int plic_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t base;
	u64 size;
	u32 ndev = 0;

	if (dt_read_reg(fdt, node, 0, &base, &size))
		return -EINVAL;
	dt_read_u32(fdt, node, "riscv,ndev", &ndev);
	platform_add_device(DEVICE_IRQCHIP, node, "plic",
			    "PLIC (%s) at 0x%llx, %u sources, ? contexts (? S-mode), "
			    "max priority ?",
			    compatible, (unsigned long long)base, ndev);
	return 0;
}

static int pl011_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t base;
	u64 size;
	int err = dt_read_reg(fdt, node, 0, &base, &size);

	if (err)
		return err;
	platform_add_device(DEVICE_SERIAL, node, "pl011", "pl011 (%s) at 0x%llx", compatible,
			    (unsigned long long)base);
	return 0;
}

static int ns16550_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t base;
	u64 size;
	u32 shift = 0, width = 1;
	int err = dt_read_reg(fdt, node, 0, &base, &size);

	if (err)
		return err;
	dt_read_u32(fdt, node, "reg-shift", &shift);
	dt_read_u32(fdt, node, "reg-io-width", &width);
	platform_add_device(DEVICE_SERIAL, node, "ns16550",
			    "ns16550 (%s) at 0x%llx, reg-shift %u, io-width %u", compatible,
			    (unsigned long long)base, shift, width);
	return 0;
}

static int arch_timer_probe(const void *fdt, int node, const char *compatible)
{
	u32 freq, hyp = arch_timer_dt_ppi(fdt, node, ARCH_TIMER_HYP),
		  virt = arch_timer_dt_ppi(fdt, node, ARCH_TIMER_VIRT);
	char hz[24], hyp_s[12], virt_s[12];

	if (dt_read_u32(fdt, node, "clock-frequency", &freq))
		fmt_snprintf(hz, sizeof(hz), "? Hz (CNTFRQ)");
	else
		fmt_snprintf(hz, sizeof(hz), "%u Hz", freq);
	/* "?": the specifier is missing or not a PPI; the hypervisor would warn. */
	fmt_snprintf(hyp_s, sizeof(hyp_s), hyp ? "%u" : "?", hyp);
	fmt_snprintf(virt_s, sizeof(virt_s), virt ? "%u" : "?", virt);
	platform_add_device(DEVICE_TIMER, node, "arch-timer", "%s, %s, hyp PPI %s, virt PPI %s",
			    compatible, hz, hyp_s, virt_s);
	return 0;
}

static bool riscv_timer_found;

static int riscv_timer_probe(const void *fdt, int node, const char *compatible)
{
	u32 freq;

	if (riscv_timer_found)
		return -ENODEV;
	if (dt_read_u32(fdt, node, "timebase-frequency", &freq) &&
	    dt_read_u32(fdt, fdt_parent_offset(fdt, node), "timebase-frequency", &freq))
		return -EINVAL;
	riscv_timer_found = true;
	platform_add_device(DEVICE_TIMER, node, "riscv-timer", "riscv time CSR, timebase %u Hz",
			    freq);
	return 0;
}

static const char *const gicv2_compatible[] = {"arm,gic-400", "arm,cortex-a15-gic",
					       "arm,cortex-a9-gic", NULL};
static const char *const gicv3_compatible[] = {"arm,gic-v3", NULL};
static const char *const plic_compatible[] = {"sifive,plic-1.0.0", "riscv,plic0", NULL};
static const char *const pl011_compatible[] = {"arm,pl011", "arm,sbsa-uart", NULL};
static const char *const ns16550_compatible[] = {"ns16550a", "ns16550", "snps,dw-apb-uart", NULL};
static const char *const arch_timer_compatible[] = {"arm,armv8-timer", NULL};
static const char *const riscv_timer_compatible[] = {"riscv", NULL};

DRIVER_DECLARE(gicv2, "gic-v2", DEVICE_IRQCHIP, gicv2_compatible, gicv2_probe);
DRIVER_DECLARE(gicv3, "gic-v3", DEVICE_IRQCHIP, gicv3_compatible, gicv3_probe);
DRIVER_DECLARE(plic, "plic", DEVICE_IRQCHIP, plic_compatible, plic_probe);
DRIVER_DECLARE(pl011, "pl011", DEVICE_SERIAL, pl011_compatible, pl011_probe);
DRIVER_DECLARE(ns16550, "ns16550", DEVICE_SERIAL, ns16550_compatible, ns16550_probe);
DRIVER_DECLARE(arch_timer, "arch-timer", DEVICE_TIMER, arch_timer_compatible, arch_timer_probe);
DRIVER_DECLARE(riscv_timer, "riscv-timer", DEVICE_TIMER, riscv_timer_compatible, riscv_timer_probe);
