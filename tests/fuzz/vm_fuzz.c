// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the shyper,vm path: platform discovery, VM
 * parsing and validation (core/vm_*.c), then the guest DTB builder
 * (core/guest_dt*.c) for every accepted VM, each guest DTB checked back
 * with guest_dt_check(). A VM that names its own DTB gets the input blob
 * itself, to reach the own-DTB path. Seeds with VM nodes:
 * tests/unit/fixtures/vm_layout*.dts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/console.h>
#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include <shyper/platform.h>
#include <shyper/vm_config.h>
#include "../../core/vm_internal.h"
#include <unit.h>

#define IMAGE_BASE 0x40000000ULL
#define IMAGE_SIZE 0x200000ULL
#define GUEST_SIZE 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};
static struct vm_config vms[VM_MAX];
static uint8_t guest[GUEST_SIZE];

/* The fuzzed tree is its own VMs' "own DTB" (as build_guests() gives it). */
static const void *fuzz_fdt;

const void *vm_image_data(const struct vm_image *img)
{
	return fuzz_fdt;
}

/* The drivers are the real device-tree halves (drivers/<dir>/<name>_dt.c), host-build path. */

static void build_guests(const void *fdt, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		if (vms[i].image[VM_IMAGE_DTB].node >= 0)
			vms[i].image[VM_IMAGE_DTB].data = fdt;
		if (!guest_dt_build(fdt, &vms[i], guest, sizeof(guest)) &&
		    vms[i].image[VM_IMAGE_DTB].node < 0 && guest_dt_check(fdt, guest, &vms[i]))
			abort(); /* what Shyper writes must pass its own check */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *fdt;
	int node, count;

	if (size < sizeof(struct fdt_header) || size > 1 << 20)
		return 0;
	fdt = malloc(size);
	memcpy(fdt, data, size);
	console_register(&sink);
	if (fdt_totalsize(fdt) > size || dt_check(fdt))
		goto out;
	memset(&platform, 0, sizeof(platform));
	unit_set_boot_hwid(0);
	if (platform_discover(fdt, IMAGE_BASE, IMAGE_SIZE))
		goto out;
	node = dt_stdout_node(fdt);
	if (node >= 0)
		device_probe_node(fdt, node, DEVICE_SERIAL);
	device_probe_class(fdt, DEVICE_IRQCHIP);
	device_probe_class(fdt, DEVICE_TIMER);
	fuzz_fdt = fdt;
	count = vm_config_parse(fdt, vms, VM_MAX);
	if (count > 0) {
		vm_config_print(vms, count);
		build_guests(fdt, count);
	}
out:
	fuzz_fdt = NULL;
	free(fdt);
	return 0;
}
