// SPDX-License-Identifier: GPL-2.0-only
/* The unit builds' MMIO bus (tests/unit/include/shyper/io.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <shyper/io.h>

static const struct unit_mmio_model *attached;

void unit_mmio_attach(const struct unit_mmio_model *model)
{
	attached = model;
}

static u64 bus_read(paddr_t addr, unsigned int size)
{
	if (!attached)
		fail_msg("MMIO read of %u bytes at %#llx with no device model", size,
			 (unsigned long long)addr);
	return attached->read(addr, size);
}

static void bus_write(paddr_t addr, u64 val, unsigned int size)
{
	if (!attached)
		fail_msg("MMIO write of %u bytes at %#llx with no device model", size,
			 (unsigned long long)addr);
	attached->write(addr, val, size);
}

u8 readb(paddr_t addr)
{
	return (u8)bus_read(addr, 1);
}

u32 readl(paddr_t addr)
{
	return (u32)bus_read(addr, 4);
}

u64 readq(paddr_t addr)
{
	return bus_read(addr, 8);
}

void writeb(u8 val, paddr_t addr)
{
	bus_write(addr, val, 1);
}

void writel(u32 val, paddr_t addr)
{
	bus_write(addr, val, 4);
}
