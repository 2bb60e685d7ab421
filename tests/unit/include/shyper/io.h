/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host unit builds: the MMIO accessors of include/shyper/io.h reach a
 * register model the test installs (tests/unit/common/mmio_bus.c), so a
 * driver's hardware half runs unchanged against a model of its device.
 * This header shadows the target one (tests/unit/include comes first).
 */
#ifndef SHYPER_IO_H
#define SHYPER_IO_H

#include <shyper/types.h>

/* A device model: accesses of @size bytes at @addr. */
struct unit_mmio_model {
	u64 (*read)(paddr_t addr, unsigned int size);
	void (*write)(paddr_t addr, u64 val, unsigned int size);
};

/** unit_mmio_attach() - route every MMIO access to @model (NULL: none). */
void unit_mmio_attach(const struct unit_mmio_model *model);

u8 readb(paddr_t addr);
u32 readl(paddr_t addr);
u64 readq(paddr_t addr);
void writeb(u8 val, paddr_t addr);
void writel(u32 val, paddr_t addr);

#endif
