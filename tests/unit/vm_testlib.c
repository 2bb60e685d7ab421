// SPDX-License-Identifier: GPL-2.0-only
/* Shared by the shyper,vm unit tests; see vm_testlib.h. */
#define _GNU_SOURCE /* program_invocation_short_name */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <unistd.h>
#include <shyper/vm_create.h>
#include <shyper/device.h>
#include <shyper/guest_dt.h>
#include <shyper/dt.h>
#include <shyper/platform.h>
#include <unit.h>
#include "../../core/vm_internal.h"
#include "vm_testlib.h"

struct vm_config vmt_vms[VM_MAX];
int vmt_count;
static void *board;

/*
 * What the hypervisor would record: the drivers' real device-tree halves,
 * in their host-build path (as in the offline checker).
 */
static void record_devices(const void *fdt)
{
	int con = dt_stdout_node(fdt);

	if (con >= 0)
		device_probe_node(fdt, con, DEVICE_SERIAL);
	else
		device_probe_class(fdt, DEVICE_SERIAL);
	device_probe_class(fdt, DEVICE_IRQCHIP);
	device_probe_class(fdt, DEVICE_TIMER);
}

void *vmt_board(const char *name)
{
	vmt_free();
	memset(vmt_vms, 0, sizeof(vmt_vms));
	unit_set_boot_hwid(0);
	unit_capture_start();
	board = unit_load_dtb(name, 65536);
	return board;
}

/* vm_create()'s view of host RAM: real memory here (vmt_create_world()), as on the board. */
void *vm_create_va(paddr_t hpa, u64 size)
{
	(void)size;
	return (void *)(uintptr_t)hpa;
}

/* Node offsets move when the DTB is edited: discover after the last edit. */
void vmt_discover(void *fdt)
{
	memset(&platform, 0, sizeof(platform));
	unit_capture_clear();
	assert_int_equal(platform_discover(fdt, VMT_IMAGE_BASE, VMT_IMAGE_SIZE), 0);
	record_devices(fdt);
}

void vmt_free(void)
{
	free(board);
	board = NULL;
}

static int path_node(void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path);

	if (node < 0)
		fail_msg("no node %s", path);
	return node;
}

void vmt_node(void *fdt, const char *parent_path, const char *name)
{
	int parent = fdt_path_offset(fdt, parent_path);

	if (parent == -FDT_ERR_NOTFOUND && !strcmp(parent_path, "/chosen"))
		parent = fdt_add_subnode(fdt, 0, "chosen");
	assert_true(parent >= 0);
	assert_true(fdt_add_subnode(fdt, parent, name) >= 0);
}

void vmt_cells(void *fdt, const char *path, const char *prop, int n, ...)
{
	uint32_t v[32];
	va_list ap;
	int i;

	assert_true(n <= 32);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(va_arg(ap, uint32_t));
	va_end(ap);
	assert_int_equal(fdt_setprop(fdt, path_node(fdt, path), prop, v, n * 4), 0);
}

void vmt_str(void *fdt, const char *path, const char *prop, const char *s)
{
	assert_int_equal(fdt_setprop_string(fdt, path_node(fdt, path), prop, s), 0);
}

void vmt_raw(void *fdt, const char *path, const char *prop, const void *val, int len)
{
	assert_int_equal(fdt_setprop(fdt, path_node(fdt, path), prop, val, len), 0);
}

void vmt_del(void *fdt, const char *path, const char *prop)
{
	fdt_delprop(fdt, path_node(fdt, path), prop);
}

uint32_t vmt_phandle(void *fdt, const char *path)
{
	int node = path_node(fdt, path);
	uint32_t ph = fdt_get_phandle(fdt, node);

	if (ph)
		return ph;
	assert_int_equal(fdt_generate_phandle(fdt, &ph), 0);
	assert_int_equal(fdt_setprop_u32(fdt, path_node(fdt, path), "phandle", ph), 0);
	return ph;
}

void vmt_add_vm(void *fdt, const char *name, uint32_t id)
{
	char path[64], kpath[80];

	snprintf(path, sizeof(path), "/chosen/%s", name);
	snprintf(kpath, sizeof(kpath), "%s/kernel", path);
	vmt_node(fdt, "/chosen", name);
	vmt_str(fdt, path, "compatible", "shyper,vm");
	vmt_cells(fdt, path, "#address-cells", 1, 2);
	vmt_cells(fdt, path, "#size-cells", 1, 2);
	vmt_cells(fdt, path, "id", 1, id);
	vmt_cells(fdt, path, "cpus", 1, 1);
	vmt_cells(fdt, path, "memory", 4, 0, 0x40000000, 0, 0x1000000);
	vmt_node(fdt, path, "kernel");
	vmt_str(fdt, kpath, "compatible", "shyper,kernel");
	vmt_cells(fdt, kpath, "reg", 4, 0, 0x48000000 + id * 0x100000, 0, 0x100000);
}

void vmt_dump_case(const void *fdt, const char *refusal)
{
	const char *dir = getenv("SHYPER_VM_CASES");
	static unsigned int n;
	char path[512];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s-%03u.dtb", dir, program_invocation_short_name, n);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(fdt, 1, fdt_totalsize(fdt), f), fdt_totalsize(fdt));
	fclose(f);
	snprintf(path, sizeof(path), "%s/%s-%03u.expect", dir, program_invocation_short_name, n++);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", refusal ? refusal : "valid");
	fclose(f);
}

int vmt_parse(void *fdt)
{
	vmt_discover(fdt);
	unit_capture_clear();
	vmt_count = vm_config_parse(fdt, vmt_vms, VM_MAX);
	return vmt_count;
}

const struct vm_config *vmt_find(uint32_t id)
{
	int i;

	for (i = 0; i < vmt_count; i++)
		if (vmt_vms[i].id == id)
			return &vmt_vms[i];
	return NULL;
}

void vmt_expect_refused(void *fdt, uint32_t id, const char *msg, uint32_t kept)
{
	vmt_dump_case(fdt, msg);
	vmt_parse(fdt);
	if (!unit_capture_has(msg) || vmt_find(id) || !vmt_find(kept))
		fail_msg("expected vm%u refused with \"%s\" and vm%u kept; log:\n%s", id, msg, kept,
			 unit_capture_text());
}

static char *read_all(FILE *f)
{
	size_t len = 0, cap = 4096, n;
	char *buf = malloc(cap);

	assert_non_null(buf);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[len] = '\0';
	return buf;
}

static char *normalise(const void *dtb)
{
	char tmp[] = "/tmp/vmt-guest-XXXXXX", cmd[128];
	int fd = mkstemp(tmp);
	FILE *f;
	char *text;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, dtb, fdt_totalsize(dtb)), (ssize_t)fdt_totalsize(dtb));
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts -s %s", tmp);
	f = popen(cmd, "r");
	assert_non_null(f);
	text = read_all(f);
	assert_int_equal(pclose(f), 0);
	unlink(tmp);
	return text;
}

void vmt_golden(const void *dtb, const char *name)
{
	char path[512], *dir, *got, *want;
	const char *update = getenv("SHYPER_UPDATE_GOLDEN");
	FILE *f;

	/* The golden files sit next to this source file. */
	snprintf(path, sizeof(path), "%s", __FILE__);
	dir = strrchr(path, '/');
	snprintf(dir ? dir + 1 : path, sizeof(path) - (dir ? dir + 1 - path : 0), "golden/%s.dts",
		 name);
	got = normalise(dtb);
	if (update && !strcmp(update, "1")) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	f = fopen(path, "r");
	if (!f)
		fail_msg("no golden file %s (run with SHYPER_UPDATE_GOLDEN=1)", path);
	want = read_all(f);
	fclose(f);
	if (strcmp(got, want))
		fail_msg("guest DTB differs from %s; got:\n%s", path, got);
	free(got);
	free(want);
}

void *vmt_build(void *fdt, uint32_t id)
{
	const struct vm_config *vm = vmt_find(id);
	void *buf = calloc(1, 65536);
	int err;

	assert_non_null(vm);
	assert_non_null(buf);
	err = guest_dt_build(fdt, vm, buf, 65536);
	if (err)
		fail_msg("guest_dt_build(vm%u) = %d; log:\n%s", id, err, unit_capture_text());
	return buf;
}

void *vmt_create_world(size_t ram_size)
{
	void *fdt = vmt_board("qemu-virt-arm64");
	void *ram;

	vmt_add_vm(fdt, "vm1", 1);
	vmt_del(fdt, "/chosen", "linux,initrd-start"); /* the fixture's initrd holds vm1's kernel */
	vmt_del(fdt, "/chosen", "linux,initrd-end");
	if (vmt_parse(fdt) != 1)
		fail_msg("%s", unit_capture_text());
	ram = aligned_alloc(2UL << 20, ram_size);
	assert_non_null(ram);
	memmap_add(&platform.ram, (uintptr_t)ram, ram_size, "ram");
	memset(&platform.usable, 0, sizeof(platform.usable));
	memmap_add(&platform.usable, (uintptr_t)ram, ram_size, "ram");
	return ram;
}

const void *vmt_image_data;

const void *vm_image_data(const struct vm_image *img)
{
	return vmt_image_data;
}

void vmt_run_case(void *fdt, const struct vmt_case *c)
{
	const struct vm_config *vm;

	c->apply(fdt);
	vmt_dump_case(fdt, c->refusal);
	vmt_parse(fdt);
	if (!vmt_find(1))
		fail_msg("vm1 refused; log:\n%s", unit_capture_text());
	vm = vmt_find(2);
	if (c->refusal) {
		if (vm || !unit_capture_has(c->refusal))
			fail_msg("expected \"%s\"; log:\n%s", c->refusal, unit_capture_text());
	} else {
		if (!vm)
			fail_msg("vm2 refused; log:\n%s", unit_capture_text());
		c->check(fdt, vm);
	}
}
