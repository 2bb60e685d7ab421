// SPDX-License-Identifier: GPL-2.0-only
/*
 * Specifiers of a hart's local interrupt controller (Linux binding
 * riscv,cpu-intc.yaml): one cell, the interrupt cause (mcause/scause code,
 * privileged spec 3.1.9; 9 is the supervisor external interrupt). Local to
 * its hart, so per CPU. The PLIC's contexts are listed with these.
 */
#include <shyper/errno.h>
#include <shyper/irq.h>

static int riscv_intc_xlate(struct dt_irq *irq)
{
	if (irq->nr_cells != 1)
		return -EINVAL;
	irq->hwirq = irq->cell[0];
	irq->percpu = true;
	return 0;
}

static const struct dt_device_id riscv_intc_match[] = {
    {"riscv,cpu-intc", NULL},
    {NULL, NULL},
};

IRQ_XLATE_DECLARE(riscv_intc, riscv_intc_match, riscv_intc_xlate);
