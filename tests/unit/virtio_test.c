// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtio sub-node binding (core/virtio_parse.c, core/virtio_dt.c):
 * every property valid and invalid, where the layout puts each device,
 * and the guest's "virtio,mmio" node. /chosen/vm1 and /chosen/vm2 each
 * have a virtio-net port; a case edits the tree (vm2's devices, and for
 * console links both ends) and expects vm2 accepted, or refused with a
 * message naming VM, sub-node and property while vm1 is kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/guest_dt.h>
#include <shyper/vm_config.h>
#include <unit.h>
#include "vm_testlib.h"

#define VM1 "/chosen/vm1"
#define VM2 "/chosen/vm2"
#define N2 VM2 "/net0"

static void add_net(void *f, const char *vm, const char *sub, uint8_t last)
{
	const uint8_t mac[6] = {0x02, 0, 0, 0, 0, last};
	char path[80];

	snprintf(path, sizeof(path), "%s/%s", vm, sub);
	vmt_node(f, vm, sub);
	vmt_str(f, path, "compatible", "shyper,virtio-net");
	vmt_raw(f, path, "local-mac-address", mac, sizeof(mac));
}

/* A console end in @vm linking to VM @peer. */
static void add_con(void *f, const char *vm, const char *sub, uint32_t peer)
{
	char path[80];

	snprintf(path, sizeof(path), "%s/%s", vm, sub);
	vmt_node(f, vm, sub);
	vmt_str(f, path, "compatible", "shyper,virtio-console");
	vmt_cells(f, path, "peer", 1, peer);
}

#define C2 VM2 "/con0"
#define D2 VM2 "/disk0"

/* A disk of @vm on the loaded image at @hpa, 1 MiB, in the VM node's two-cell address and size. */
static void add_disk(void *f, const char *vm, uint32_t hpa, bool read_only)
{
	char path[80];

	snprintf(path, sizeof(path), "%s/disk0", vm);
	vmt_node(f, vm, "disk0");
	vmt_str(f, path, "compatible", "shyper,virtio-blk");
	vmt_cells(f, path, "reg", 4, 0, hpa, 0, 0x100000);
	if (read_only)
		vmt_raw(f, path, "read-only", NULL, 0);
}

/* Both ends of the vm1 <-> vm2 link. */
static void link(void *f)
{
	add_con(f, VM1, "con0", 2);
	add_con(f, VM2, "con0", 1);
}

static void set_mac(void *f, const char *path, const char *mac, int len)
{
	vmt_raw(f, path, "local-mac-address", mac, len);
}

/* ---- valid ---- */
static void plain(void *f)
{
}
static void plain_check(void *f, const struct vm_config *vm)
{
	static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 2};

	assert_int_equal(vm->nr_virtio, 1);
	assert_string_equal(vm->virtio[0].sub, "net0");
	assert_int_equal(vm->virtio[0].kind, VIRTIO_KIND_NET);
	assert_memory_equal(vm->virtio[0].mac, mac, 6);
	/* The highest free page below the VM's memory, the first SPI. */
	assert_int_equal(vm->layout.nr_virtio, 1);
	assert_int_equal(vm->layout.virtio[0].base, 0x3ffff000);
	assert_int_equal(vm->layout.virtio[0].size, 0x1000);
	assert_int_equal(vm->layout.virtio_irq[0], 32);
}
static void two_ports(void *f)
{
	vmt_raw(f, VM2, "vuart", NULL, 0); /* its line, 33, is skipped */
	add_net(f, VM2, "net1", 3);
}
static void two_ports_check(void *f, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_virtio, 2);
	assert_int_equal(vm->layout.virtio[0].base, 0x3ffff000);
	assert_int_equal(vm->layout.virtio[1].base, 0x3fffe000);
	assert_int_equal(vm->layout.virtio_irq[0], 32);
	assert_int_equal(vm->layout.virtio_irq[1], 34);
	/* In DT order (a node added later comes first): the MAC goes with its node. */
	assert_int_equal(vm->virtio[0].mac[5], strcmp(vm->virtio[0].sub, "net1") ? 2 : 3);
	assert_int_equal(vm->virtio[1].mac[5], strcmp(vm->virtio[1].sub, "net1") ? 2 : 3);
}
/* A shared region and its doorbell just below RAM, and its interrupt 32: all avoided. */
static void around_shmem(void *f)
{
	static const char *const vms[2] = {VM1, VM2};
	char path[64];
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/shmem", vms[i]);
		vmt_node(f, vms[i], "shmem");
		vmt_str(f, path, "compatible", "shyper,shmem");
		vmt_str(f, path, "region", "ctl");
		vmt_cells(f, path, "reg", 4, 0, 0x3fff0000 - i * 0x100000, 0, 0x10000);
		vmt_cells(f, path, "doorbell", 2, 0, 0x3ffef000 - i * 0x100000);
		vmt_cells(f, path, "doorbell-irq", 1, 40 - i * 8);
		vmt_cells(f, path, "peers", 1, 2 - i);
	}
	vmt_cells(f, VM2 "/shmem", "reg", 4, 0, 0x3fff0000, 0, 0x10000);
	vmt_cells(f, VM2 "/shmem", "doorbell", 2, 0, 0x3ffef000);
}
static void around_shmem_check(void *f, const struct vm_config *vm)
{
	assert_int_equal(vm->layout.virtio[0].base, 0x3ffee000);
	assert_int_equal(vm->layout.virtio_irq[0], 33);
}
/* Memory from guest address 0: no room below, the device goes above. */
static void ram_at_zero(void *f)
{
	vmt_cells(f, VM2, "memory", 4, 0, 0, 0, 0x1000000);
	vmt_cells(f, VM2 "/kernel", "load", 2, 0, 0);
}
static void ram_at_zero_check(void *f, const struct vm_config *vm)
{
	assert_int_equal(vm->layout.virtio[0].base, 0x1000000);
}
static void disabled(void *f)
{
	add_net(f, VM2, "net1", 1); /* vm1's address, but switched off */
	vmt_str(f, VM2 "/net1", "status", "disabled");
}
static void disabled_check(void *f, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_virtio, 1);
}
/* A console link: vm2's end comes after its net port in the layout (DT order: con0 first). */
static void link_check(void *f, const struct vm_config *vm)
{
	const struct vm_virtio *con = &vm->virtio[0];

	assert_int_equal(vm->nr_virtio, 2);
	assert_int_equal(con->kind, VIRTIO_KIND_CONSOLE);
	assert_string_equal(con->sub, "con0");
	assert_int_equal(con->peer, 1);
	assert_int_equal(vm->layout.virtio[0].base, 0x3ffff000);
	assert_int_equal(vm->layout.virtio[1].base, 0x3fffe000);
	assert_int_equal(vm->layout.virtio_irq[1], 33);
	assert_int_equal(vmt_find(1)->virtio[0].kind, VIRTIO_KIND_CONSOLE);
}
/* A disabled end of vm2 that names nobody valid: left out, not checked. */
static void link_disabled(void *f)
{
	add_con(f, VM2, "con0", 7);
	vmt_str(f, C2, "status", "disabled");
}
static void link_disabled_check(void *f, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_virtio, 1);
}
/* Each link's end is its own virtio,mmio node in the guest. */
static void link_guest_check(void *f, const struct vm_config *vm)
{
	void *g = vmt_build(f, 2);

	assert_true(fdt_path_offset(g, "/virtio_mmio@3ffff000") >= 0);
	assert_true(fdt_path_offset(g, "/virtio_mmio@3fffe000") >= 0);
	assert_int_equal(guest_dt_check(f, g, vm), 0);
	free(g);
}

/* The guest sees a virtio,mmio node that Linux's virtio_mmio driver binds. */
static void guest_node_check(void *f, const struct vm_config *vm)
{
	void *g = vmt_build(f, 2);
	int node = fdt_path_offset(g, "/virtio_mmio@3ffff000"), len;
	const fdt32_t *p;

	assert_true(node >= 0);
	assert_int_equal(fdt_node_check_compatible(g, node, "virtio,mmio"), 0);
	p = fdt_getprop(g, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(p[1]), 0x3ffff000);
	assert_int_equal(fdt32_to_cpu(p[3]), 0x200);
	p = fdt_getprop(g, node, "interrupts", &len);
	assert_int_equal(len, 12);
	assert_int_equal(fdt32_to_cpu(p[0]), 0); /* SPI */
	assert_int_equal(fdt32_to_cpu(p[1]), 0); /* INTID 32 */
	assert_int_equal(fdt32_to_cpu(p[2]), 4); /* level high */
	assert_non_null(fdt_getprop(g, node, "dma-coherent", NULL));
	/* What Shyper writes passes its own-DTB check. */
	assert_int_equal(guest_dt_check(f, g, vm), 0);
	free(g);
}

/* ---- invalid, one per property and rule ---- */
static void unknown_prop(void *f)
{
	vmt_cells(f, N2, "mtu", 1, 1500);
}
static void mac_missing(void *f)
{
	vmt_del(f, N2, "local-mac-address");
}
static void mac_short(void *f)
{
	set_mac(f, N2, "\x02\x00\x00\x00\x01", 5);
}
static void mac_multicast(void *f)
{
	set_mac(f, N2, "\x01\x00\x5e\x00\x00\x01", 6);
}
static void mac_zero(void *f)
{
	set_mac(f, N2, "\x00\x00\x00\x00\x00\x00", 6);
}
static void mac_other_vm(void *f)
{
	set_mac(f, N2, "\x02\x00\x00\x00\x00\x01", 6);
}
static void mac_twice(void *f)
{
	add_net(f, VM2, "net1", 2);
}
static void con_unknown_prop(void *f)
{
	link(f);
	vmt_cells(f, C2, "speed", 1, 115200);
}
/* vm2's end alone: a malformed end is no link back for vm1's, which would be refused too. */
static void con_peer_missing(void *f)
{
	add_con(f, VM2, "con0", 1);
	vmt_del(f, C2, "peer");
}
static void con_peer_two_cells(void *f)
{
	add_con(f, VM2, "con0", 1);
	vmt_cells(f, C2, "peer", 2, 1, 3);
}
static void con_peer_self(void *f)
{
	add_con(f, VM2, "con0", 2);
}
static void con_peer_absent(void *f)
{
	add_con(f, VM2, "con0", 5);
}
static void con_not_back(void *f)
{
	add_con(f, VM2, "con0", 1);
}
static void con_back_elsewhere(void *f)
{
	vmt_add_vm(f, "vm3", 3);
	add_con(f, VM1, "con0", 3);
	add_con(f, "/chosen/vm3", "con0", 1);
	add_con(f, VM2, "con0", 1);
}
static void con_back_disabled(void *f)
{
	link(f);
	vmt_str(f, VM1 "/con0", "status", "disabled");
}
static void con_twice(void *f)
{
	link(f);
	add_con(f, VM2, "con1", 1);
}

static void disk_rw(void *f)
{
	add_disk(f, VM2, 0x60000000, false);
}
static void disk_rw_check(void *f, const struct vm_config *vm)
{
	const struct vm_virtio *d = &vm->virtio[0];

	assert_int_equal(vm->nr_virtio, 2);
	assert_string_equal(d->sub, "disk0");
	assert_int_equal(d->kind, VIRTIO_KIND_BLK);
	assert_int_equal(d->hpa, 0x60000000);
	assert_int_equal(d->size, 0x100000);
	assert_false(d->read_only);
	/* Its RAM was never given to a VM. */
	assert_true(vm->mem[0].hpa >= 0x60100000 || vm->mem[0].hpa + vm->mem[0].size <= 0x60000000);
}
/* One image, read-only in both VMs: a shared root filesystem. */
static void disk_shared(void *f)
{
	add_disk(f, VM1, 0x60000000, true);
	add_disk(f, VM2, 0x60000000, true);
}
static void disk_shared_check(void *f, const struct vm_config *vm)
{
	assert_true(vm->virtio[0].read_only);
	assert_int_equal(vm->virtio[0].hpa, 0x60000000);
}
static void disk_rw_shared(void *f)
{
	add_disk(f, VM1, 0x60000000, false);
	add_disk(f, VM2, 0x60000000, true);
}
static void disk_ro_then_rw(void *f)
{
	add_disk(f, VM1, 0x60000000, true);
	add_disk(f, VM2, 0x60000000, false);
}
static void disk_outside_ram(void *f)
{
	add_disk(f, VM2, 0x90000000, false);
}
static void disk_reserved(void *f)
{
	add_disk(f, VM2, 0x7f000000, true);
}
static void disk_on_kernel(void *f)
{
	add_disk(f, VM2, 0x48200000, true);
}
static void disk_on_other_kernel(void *f)
{
	add_disk(f, VM2, 0x48100000, true);
}
/* vm1's disk on vm2's kernel: vm1 is taken first, so vm2's kernel is at fault. */
static void kernel_on_disk(void *f)
{
	add_disk(f, VM1, 0x48200000, true);
}
static void disk_reg_short(void *f)
{
	add_disk(f, VM2, 0x60000000, false);
	vmt_cells(f, D2, "reg", 2, 0x60000000, 0x100000);
}
static void disk_unknown_prop(void *f)
{
	add_disk(f, VM2, 0x60000000, false);
	vmt_cells(f, D2, "sectors", 1, 2048);
}

/* Sub-nodes added later come first in the DT: net0 is the fifth. */
static void too_many(void *f)
{
	add_net(f, VM2, "net1", 3);
	add_net(f, VM2, "net2", 4);
	add_net(f, VM2, "net3", 5);
	add_net(f, VM2, "net4", 6);
}

static const struct vmt_case cases[] = {
    {plain, NULL, plain_check},
    {two_ports, NULL, two_ports_check},
    {around_shmem, NULL, around_shmem_check},
    {ram_at_zero, NULL, ram_at_zero_check},
    {disabled, NULL, disabled_check},
    {plain, NULL, guest_node_check},
    {link, NULL, link_check},
    {link_disabled, NULL, link_disabled_check},
    {link, NULL, link_guest_check},
    {unknown_prop, "/chosen/vm2/net0: mtu: unknown property for a virtio-net device", NULL},
    {mac_missing, "/chosen/vm2/net0: local-mac-address: must be 6 bytes", NULL},
    {mac_short, "/chosen/vm2/net0: local-mac-address: must be 6 bytes", NULL},
    {mac_multicast,
     "/chosen/vm2/net0: local-mac-address: 01:00:5e:00:00:01 is not a unicast address", NULL},
    {mac_zero, "/chosen/vm2/net0: local-mac-address: 00:00:00:00:00:00 is not a unicast address",
     NULL},
    {mac_other_vm,
     "/chosen/vm2/net0: local-mac-address: 02:00:00:00:00:01 is already the address of "
     "/chosen/vm1/net0",
     NULL},
    {mac_twice,
     "/chosen/vm2/net1: local-mac-address: 02:00:00:00:00:02 is already the address of "
     "/chosen/vm2/net0",
     NULL},
    {too_many, "/chosen/vm2/net0: compatible: more than 4 virtio devices", NULL},
    {con_unknown_prop, "/chosen/vm2/con0: speed: unknown property for a virtio-console device",
     NULL},
    {con_peer_missing, "/chosen/vm2/con0: peer: must be one VM id", NULL},
    {con_peer_two_cells, "/chosen/vm2/con0: peer: must be one VM id", NULL},
    {con_peer_self, "/chosen/vm2/con0: peer: VM 2 is this VM itself", NULL},
    {con_peer_absent, "/chosen/vm2/con0: peer: no enabled VM node has id 5", NULL},
    {con_not_back, "/chosen/vm2/con0: peer: VM 1 (vm1) has no virtio-console link to VM 2", NULL},
    {con_back_elsewhere, "/chosen/vm2/con0: peer: VM 1 (vm1) has no virtio-console link to VM 2",
     NULL},
    {con_back_disabled, "/chosen/vm2/con0: peer: VM 1 (vm1) has no virtio-console link to VM 2",
     NULL},
    {con_twice, "/chosen/vm2/con0: peer: a second link to VM 1 (con1 is one)", NULL},
    {disk_rw, NULL, disk_rw_check},
    {disk_shared, NULL, disk_shared_check},
    {disk_rw_shared,
     "/chosen/vm2/disk0: reg: 0x60000000+0x100000 is also the read-write disk of "
     "/chosen/vm1/disk0",
     NULL},
    {disk_ro_then_rw,
     "/chosen/vm2/disk0: reg: 0x60000000+0x100000 is also the read-only disk of "
     "/chosen/vm1/disk0",
     NULL},
    {disk_outside_ram, "/chosen/vm2/disk0: reg: 0x90000000+0x100000 is not inside RAM", NULL},
    {disk_reserved, "/chosen/vm2/disk0: reg: 0x7f000000+0x100000 overlaps reserved range", NULL},
    {disk_on_kernel, "/chosen/vm2/disk0: reg: 0x48200000+0x100000 is also the kernel of this VM",
     NULL},
    {disk_on_other_kernel,
     "/chosen/vm2/disk0: reg: 0x48100000+0x100000 is also the kernel of /chosen/vm1", NULL},
    {kernel_on_disk, "/chosen/vm2: kernel: 0x48200000+0x100000 overlaps the disk /chosen/vm1/disk0",
     NULL},
    {disk_reg_short, "/chosen/vm2/disk0: reg: must be the loaded image's <address size>", NULL},
    {disk_unknown_prop, "/chosen/vm2/disk0: sectors: unknown property for a virtio-blk device",
     NULL},
};

static void *two_vms(void)
{
	void *fdt = vmt_board("vm_board");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	add_net(fdt, VM1, "net0", 1);
	add_net(fdt, VM2, "net0", 2);
	return fdt;
}

static void run_case(void **state)
{
	vmt_run_case(two_vms(), *state);
}

/* The VM table (boot log and offline checker) names each port. */
static void test_table(void **state)
{
	void *fdt = two_vms();

	assert_int_equal(vmt_parse(fdt), 2);
	unit_capture_clear();
	vm_config_print(vmt_vms, (unsigned int)vmt_count);
	assert_true(unit_capture_has("    virtio:    net0 virtio-net at 0x3ffff000 irq 32, mac "
				     "02:00:00:00:00:02 on the switch"));
}

/* A console link's ends name each other's VM; an end whose peer was refused says so. */
static void test_table_links(void **state)
{
	void *fdt = two_vms();

	link(fdt);
	assert_int_equal(vmt_parse(fdt), 2);
	unit_capture_clear();
	vm_config_print(vmt_vms, (unsigned int)vmt_count);
	assert_true(unit_capture_has(
	    "    virtio:    con0 virtio-console at 0x3ffff000 irq 32, link to vm2 (vm2)"));
	assert_true(unit_capture_has(
	    "    virtio:    con0 virtio-console at 0x3ffff000 irq 32, link to vm1 (vm1)"));
	vmt_free();
	fdt = two_vms();
	link(fdt);
	vmt_cells(fdt, VM2, "cpus", 1, 99); /* vm2 refused for its CPUs */
	assert_int_equal(vmt_parse(fdt), 1);
	unit_capture_clear();
	vm_config_print(vmt_vms, (unsigned int)vmt_count);
	assert_true(unit_capture_has("link to vm2 (not accepted: the link stays down)"));
}

/* A whole layout written in a board source (tests/unit/fixtures/vm_virtio.dts). */
static void test_fixture(void **state)
{
	void *fdt = vmt_board("vm_virtio");
	const struct vm_config *vm1, *vm2;

	assert_int_equal(vmt_parse(fdt), 2);
	vm1 = vmt_find(1);
	vm2 = vmt_find(2);
	assert_int_equal(vm1->nr_virtio, 1); /* net1 is disabled */
	assert_int_equal(vm1->virtio[0].mac[5], 1);
	assert_int_equal(vm1->layout.virtio_irq[0], 32); /* the vuart's 33 is not in the way */
	assert_int_equal(vm2->layout.virtio[0].base, 0x3ffff000);
}

static int teardown(void **state)
{
	vmt_free();
	return 0;
}

int main(void)
{
	struct CMUnitTest tests[ARRAY_SIZE(cases) + 3];
	static char names[ARRAY_SIZE(cases)][64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(names[i], sizeof(names[i]), "virtio_case_%02u_%s", i,
			 cases[i].refusal ? "invalid" : "valid");
		tests[i] =
		    (struct CMUnitTest){names[i], run_case, NULL, teardown, (void *)&cases[i]};
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_table, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_table_links, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_fixture, teardown);
	return _cmocka_run_group_tests("virtio", tests, i, NULL, NULL);
}
