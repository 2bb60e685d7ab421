// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over everything Shyper does with the board's DTB before
 * it trusts it: dt_check(), platform and CPU discovery, the dt_* helpers
 * on every node, stdout-path, and the driver probe passes (fake drivers
 * that read what real ones read). The harness checks only what the
 * bootloader guarantees on hardware: the blob lies in memory as long as
 * its header says.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/console.h>
#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/irq.h>
#include <shyper/timer.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <unit.h>

#define IMAGE_BASE 0x40080000ULL
#define IMAGE_SIZE 0x200000ULL
#define MAX_NODES 4096
#define MAX_REG 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Output goes nowhere, but through the real printk and vsnprintf. */
static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};

/*
 * The drivers are the real device-tree halves (drivers/<dir>/<name>_dt.c),
 * in their host-build path: each matched node is read and summarised.
 */
static const char *const serial_ids[] = {"arm,pl011", "ns16550a", NULL};

static void walk_node(const void *fdt, int node)
{
	char path[128];
	paddr_t base;
	u64 size, addr = 0x1000;
	struct dt_irq irq;
	u32 v;
	int i, count;

	dt_is_enabled(fdt, node);
	dt_path(fdt, node, path, sizeof(path));
	dt_addr_cells(fdt, node);
	dt_size_cells(fdt, node);
	dt_read_u32(fdt, node, "#address-cells", &v);
	dt_translate(fdt, node, &addr);
	dt_match(fdt, node, serial_ids);
	count = dt_reg_count(fdt, node);
	for (i = 0; i < MAX_REG && i <= count; i++)
		dt_read_reg(fdt, node, i, &base, &size);
	/* Interrupt specifiers: parent loops, bad phandles, any #interrupt-cells. */
	count = dt_irq_count(fdt, node);
	for (i = 0; i < MAX_REG && i <= count; i++)
		dt_read_irq(fdt, node, i, &irq);
	arch_timer_dt_ppi(fdt, node, ARCH_TIMER_VIRT);
}

static void use_discovery(void)
{
	paddr_t at;
	unsigned int i;

	for (i = 0; i < cpu_count(); i++)
		cpu_arch_method(cpu_get(i));
	platform_find_device(DEVICE_IRQCHIP);
	if (!platform_alloc(SZ_4K, SZ_4K, &at))
		platform_alloc(SZ_2M, SZ_2M, &at);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *fdt;
	int node, n = 0;

	if (size < sizeof(struct fdt_header) || size > 1 << 20)
		return 0;
	/* An exact-size heap copy: ASan sees any read past the blob. */
	fdt = malloc(size);
	memcpy(fdt, data, size);
	console_register(&sink);
	if (fdt_totalsize(fdt) > size || dt_check(fdt))
		goto out;

	memset(&platform, 0, sizeof(platform));
	unit_set_boot_hwid(size & 3);
	if (!platform_discover(fdt, IMAGE_BASE, IMAGE_SIZE))
		use_discovery();
	dt_stdout_node(fdt);
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0 && n < MAX_NODES;
	     node = fdt_next_node(fdt, node, NULL), n++)
		walk_node(fdt, node);
	device_probe_class(fdt, DEVICE_SERIAL);
	device_probe_class(fdt, DEVICE_IRQCHIP);
	device_probe_class(fdt, DEVICE_TIMER);
out:
	free(fdt);
	return 0;
}
