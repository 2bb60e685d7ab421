/* SPDX-License-Identifier: GPL-2.0-only */
/* MMIO accessors: single volatile accesses of the named width. */
#ifndef SHYPER_IO_H
#define SHYPER_IO_H

#include <shyper/types.h>

static inline u8 readb(paddr_t addr)
{
	return *(volatile u8 *)(uintptr_t)addr;
}

static inline u32 readl(paddr_t addr)
{
	return *(volatile u32 *)(uintptr_t)addr;
}

static inline u64 readq(paddr_t addr)
{
	return *(volatile u64 *)(uintptr_t)addr;
}

static inline void writeb(u8 val, paddr_t addr)
{
	*(volatile u8 *)(uintptr_t)addr = val;
}

static inline void writel(u32 val, paddr_t addr)
{
	*(volatile u32 *)(uintptr_t)addr = val;
}

#endif
