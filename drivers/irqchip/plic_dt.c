// SPDX-License-Identifier: GPL-2.0-only
/*
 * PLIC interrupt specifiers, the device-tree half of the PLIC driver (the
 * offline checker links it too). Linux binding
 * sifive,plic-1100-00.yaml: one cell, the source number (1..1023; source
 * 0 does not exist); some implementations add a second cell, the trigger.
 */
#include <shyper/errno.h>
#include <shyper/irq.h>

#define PLIC_MAX_SOURCE 1023

static int plic_dt_xlate(struct dt_irq *irq)
{
	if (irq->nr_cells > 2 || irq->cell[0] == 0 || irq->cell[0] > PLIC_MAX_SOURCE)
		return -EINVAL;
	irq->hwirq = irq->cell[0];
	irq->type = irq->nr_cells == 2 ? irq->cell[1] & DT_IRQ_TYPE_MASK : 0;
	return 0;
}

static const char *const plic_xlate_compat[] = {"sifive,plic-1.0.0", "riscv,plic0", NULL};
IRQ_XLATE_DECLARE(plic, plic_xlate_compat, plic_dt_xlate);
