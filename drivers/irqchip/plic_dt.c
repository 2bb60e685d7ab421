// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree half of the PLIC driver (the offline checker links it
 * too): match table, reg and riscv,ndev, the summary, interrupt specifiers. Linux binding
 * sifive,plic-1100-00.yaml: one cell, the source number (1..1023; source
 * 0 does not exist); some implementations add a second cell, the trigger.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/irq.h>
#include "plic_dt.h"

#define PLIC_MAX_SOURCE 1023

static int plic_dt_xlate(struct dt_irq *irq)
{
	if (irq->nr_cells > 2 || irq->cell[0] == 0 || irq->cell[0] > PLIC_MAX_SOURCE)
		return -EINVAL;
	irq->hwirq = irq->cell[0];
	irq->type = irq->nr_cells == 2 ? irq->cell[1] & DT_IRQ_TYPE_MASK : 0;
	return 0;
}

const struct dt_device_id plic_match[] = {
    {"sifive,plic-1.0.0", NULL},
    {"riscv,plic0", NULL},
    {NULL, NULL},
};

IRQ_XLATE_DECLARE(plic, plic_match, plic_dt_xlate);

int plic_dt_read(const void *fdt, int node, paddr_t *base, u64 *size, u32 *ndev)
{
	if (dt_read_reg(fdt, node, 0, base, size) || dt_read_u32(fdt, node, "riscv,ndev", ndev))
		return -EINVAL;
	return 0;
}

static int plic_describe(const void *fdt, int node, const struct dt_device_id *id,
			 const void *hw_data, char *buf, size_t len)
{
	const struct plic_hw *hw = hw_data;
	char total[12] = "?", smode[12] = "?", prio[12] = "?";
	paddr_t base;
	u64 size;
	u32 ndev;

	if (plic_dt_read(fdt, node, &base, &size, &ndev))
		return -EINVAL;
	if (hw) {
		fmt_snprintf(total, sizeof(total), "%u", hw->contexts);
		fmt_snprintf(smode, sizeof(smode), "%u", hw->supervisor);
		fmt_snprintf(prio, sizeof(prio), "%u", hw->max_priority);
	}
	fmt_snprintf(buf, len,
		     "PLIC (%s) at 0x%llx, %u sources, %s contexts (%s S-mode), max priority %s",
		     id->compatible, (unsigned long long)base, ndev, total, smode, prio);
	return 0;
}

DRIVER_DT_DECLARE(plic_dt, "plic", DEVICE_IRQCHIP, plic_match, plic_describe);
