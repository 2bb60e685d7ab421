// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "shyper,shmem" binding (core/shmem_parse.c, core/shmem_validate.c,
 * core/shmem_dt.c): every property valid and invalid. /chosen/vm1 and
 * /chosen/vm2 share region "ctl"; a case edits vm2's sub-node and expects
 * vm2 accepted, or refused with a message naming VM, sub-node and
 * property while vm1 is kept.
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
#define S1 VM1 "/shmem"
#define S2 VM2 "/shmem"

static void add_shmem(void *f, const char *vm, const char *sub, const char *region, uint32_t gpa,
		      uint32_t irq, uint32_t peer)
{
	char path[80];

	snprintf(path, sizeof(path), "%s/%s", vm, sub);
	vmt_node(f, vm, sub);
	vmt_str(f, path, "compatible", "shyper,shmem");
	vmt_str(f, path, "region", region);
	vmt_cells(f, path, "reg", 4, 0, gpa, 0, 0x10000);
	vmt_cells(f, path, "doorbell", 2, 0, gpa + 0x100000);
	vmt_cells(f, path, "doorbell-irq", 1, irq);
	vmt_cells(f, path, "peers", 1, peer);
}

/* ---- valid ---- */
static void plain(void *f)
{
}
static void plain_check(void *f, const struct vm_config *vm)
{
	const struct vm_config *vm1 = vmt_find(1);

	assert_int_equal(vm->nr_shmem, 1);
	assert_string_equal(vm->shmem[0].name, "ctl");
	assert_int_equal(vm->shmem[0].gpa, 0x70000000);
	assert_int_equal(vm->shmem[0].size, 0x10000);
	assert_int_equal(vm->shmem[0].doorbell, 0x70100000);
	assert_int_equal(vm->shmem[0].irq, 41);
	assert_false(vm->shmem[0].read_only);
	assert_int_equal(vm->shmem[0].nr_peers, 1);
	assert_int_equal(vm->shmem[0].peer[0], 1);
	/* One host range for both, allocated from free RAM, apart from the VMs' memory. */
	assert_int_equal(vm->shmem[0].hpa, vm1->shmem[0].hpa);
	assert_true(vm->shmem[0].hpa >= 0x40000000 && vm->shmem[0].hpa < 0x80000000);
	assert_true(vm->shmem[0].hpa + 0x10000 <= vm->mem[0].hpa ||
		    vm->shmem[0].hpa >= vm->mem[0].hpa + vm->mem[0].size);
	assert_true(vm->shmem[0].hpa + 0x10000 <= vm1->mem[0].hpa ||
		    vm->shmem[0].hpa >= vm1->mem[0].hpa + vm1->mem[0].size);
}
static void read_only(void *f)
{
	vmt_str(f, S2, "access", "read-only");
	vmt_str(f, S1, "access", "read-write");
}
static void read_only_check(void *f, const struct vm_config *vm)
{
	assert_true(vm->shmem[0].read_only);
	assert_false(vmt_find(1)->shmem[0].read_only);
}
static void fixed(void *f)
{
	vmt_cells(f, S1, "host-memory", 2, 0, 0x78000000);
	vmt_cells(f, S2, "host-memory", 2, 0, 0x78000000);
}
static void fixed_check(void *f, const struct vm_config *vm)
{
	assert_true(vm->shmem[0].fixed);
	assert_int_equal(vm->shmem[0].hpa, 0x78000000);
	assert_int_equal(vmt_find(1)->shmem[0].hpa, 0x78000000);
}
static void two_regions(void *f)
{
	add_shmem(f, VM1, "shmem-log", "log", 0x62000000, 42, 2);
	add_shmem(f, VM2, "shmem-log", "log", 0x72000000, 43, 1);
}
static void two_regions_check(void *f, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_shmem, 2);
	assert_true(vm->shmem[0].hpa != vm->shmem[1].hpa);
}
/* The guest sees the region outside /memory, with a compatible no driver claims. */
static void guest_node_check(void *f, const struct vm_config *vm)
{
	void *g;
	int node, len;
	const fdt32_t *p;

	read_only(f);
	vmt_parse(f);
	g = vmt_build(f, 2);
	node = fdt_path_offset(g, "/shmem@70000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_node_check_compatible(g, node, "shyper,shmem-v1"), 0);
	assert_string_equal(fdt_getprop(g, node, "shyper,region", NULL), "ctl");
	assert_string_equal(fdt_getprop(g, node, "shyper,access", NULL), "read-only");
	p = fdt_getprop(g, node, "reg", &len);
	assert_int_equal(len, 32);
	assert_int_equal(fdt32_to_cpu(p[1]), 0x70000000);
	assert_int_equal(fdt32_to_cpu(p[3]), 0x10000);
	assert_int_equal(fdt32_to_cpu(p[5]), 0x70100000);
	assert_int_equal(fdt32_to_cpu(p[7]), 0x1000);
	p = fdt_getprop(g, node, "interrupts", &len);
	assert_int_equal(len, 12);
	assert_int_equal(fdt32_to_cpu(p[0]), 0); /* SPI */
	assert_int_equal(fdt32_to_cpu(p[1]), 41 - 32);
	assert_int_equal(fdt32_to_cpu(p[2]), 4); /* level high */
	p = fdt_getprop(g, node, "shyper,peers", &len);
	assert_int_equal(len, 4);
	assert_int_equal(fdt32_to_cpu(p[0]), 1);
	p = fdt_getprop(g, node, "shyper,vm-id", &len);
	assert_int_equal(fdt32_to_cpu(p[0]), 2);
	/* What Shyper writes passes its own-DTB check (found by tests/fuzz/vm_fuzz.c). */
	assert_int_equal(guest_dt_check(f, g, vmt_find(2)), 0);
	free(g);
}

/* ---- invalid, one per property and rule ---- */
static void unknown_prop(void *f)
{
	vmt_cells(f, S2, "size", 1, 0x1000);
}
/* On a region of vm2's own, so that vm1's peer still names a valid one. */
static void region_missing(void *f)
{
	add_shmem(f, VM2, "shmem-x", "x", 0x74000000, 44, 1);
	vmt_del(f, VM2 "/shmem-x", "region");
}
static void region_long(void *f)
{
	add_shmem(f, VM2, "shmem-x", "a-name-that-is-far-too-long-for-a-region", 0x74000000, 44, 1);
}
static void region_twice(void *f)
{
	add_shmem(f, VM2, "shmem-again", "ctl", 0x72000000, 43, 1);
}
static void reg_cells(void *f)
{
	vmt_cells(f, S2, "reg", 2, 0x70000000, 0x10000);
}
static void reg_size(void *f)
{
	vmt_cells(f, S2, "reg", 4, 0, 0x70000000, 0, 0x10800);
}
static void reg_unaligned(void *f)
{
	vmt_cells(f, S2, "reg", 4, 0, 0x70000010, 0, 0x10000);
}
static void reg_ram(void *f)
{
	vmt_cells(f, S2, "reg", 4, 0, 0x40ff0000, 0, 0x20000);
}
static void reg_gic(void *f)
{
	vmt_cells(f, S2, "reg", 4, 0, 0x8000000, 0, 0x10000);
}
static void reg_passthrough(void *f)
{
	vmt_str(f, VM2, "passthrough", "/soc/gpio@9030000");
	vmt_cells(f, S2, "reg", 4, 0, 0x9030000, 0, 0x1000);
}
static void reg_other_region(void *f)
{
	add_shmem(f, VM1, "shmem-log", "log", 0x62000000, 42, 2);
	add_shmem(f, VM2, "shmem-log", "log", 0x7000f000, 43, 1);
}
static void reg_size_mismatch(void *f)
{
	vmt_cells(f, S2, "reg", 4, 0, 0x70000000, 0, 0x20000);
}
static void hmem_cells(void *f)
{
	vmt_cells(f, S2, "host-memory", 1, 0x78000000);
}
static void hmem_unaligned(void *f)
{
	vmt_cells(f, S2, "host-memory", 2, 0, 0x78000800);
}
static void hmem_mismatch(void *f)
{
	vmt_cells(f, S2, "host-memory", 2, 0, 0x78000000);
}
static void hmem_differs(void *f)
{
	vmt_cells(f, S1, "host-memory", 2, 0, 0x78000000);
	vmt_cells(f, S2, "host-memory", 2, 0, 0x79000000);
}
static void access_bad(void *f)
{
	vmt_str(f, S2, "access", "rw");
}
static void doorbell_missing(void *f)
{
	vmt_del(f, S2, "doorbell");
}
static void doorbell_unaligned(void *f)
{
	vmt_cells(f, S2, "doorbell", 2, 0, 0x70100004);
}
static void doorbell_in_region(void *f)
{
	vmt_cells(f, S2, "doorbell", 2, 0, 0x70008000);
}
static void doorbell_ram(void *f)
{
	vmt_cells(f, S2, "doorbell", 2, 0, 0x40001000);
}
static void irq_missing(void *f)
{
	vmt_del(f, S2, "doorbell-irq");
}
static void irq_zero(void *f)
{
	vmt_cells(f, S2, "doorbell-irq", 1, 0);
}
static void irq_vuart(void *f)
{
	vmt_raw(f, VM2, "vuart", NULL, 0);
	vmt_cells(f, S2, "doorbell-irq", 1, 33); /* the console's SPI 1 */
}
static void irq_twice(void *f)
{
	add_shmem(f, VM1, "shmem-log", "log", 0x62000000, 42, 2);
	add_shmem(f, VM2, "shmem-log", "log", 0x72000000, 41, 1);
}
static void peers_missing(void *f)
{
	vmt_del(f, S2, "peers");
}
static void peers_self(void *f)
{
	vmt_cells(f, S2, "peers", 1, 2);
}
static void peers_unknown(void *f)
{
	vmt_cells(f, S2, "peers", 1, 9);
}
static void peers_twice(void *f)
{
	vmt_cells(f, S2, "peers", 2, 1, 1);
}
static void peers_no_region(void *f)
{
	vmt_add_vm(f, "vm3", 3);
	vmt_cells(f, S2, "peers", 2, 1, 3);
}

static const struct vmt_case cases[] = {
    {plain, NULL, plain_check},
    {read_only, NULL, read_only_check},
    {fixed, NULL, fixed_check},
    {two_regions, NULL, two_regions_check},
    {plain, NULL, guest_node_check},
    {unknown_prop, "/chosen/vm2/shmem: size: unknown property for shared memory", NULL},
    {region_missing, "/chosen/vm2/shmem-x: region: must be one name of 1 to 31 characters", NULL},
    {region_long, "/chosen/vm2/shmem-x: region: must be one name of 1 to 31 characters", NULL},
    {region_twice, "/chosen/vm2/shmem: region: \"ctl\" is named twice in this VM", NULL},
    {reg_cells, "/chosen/vm2/shmem: reg: must be one non-empty <address size> of 2+2 cells", NULL},
    {reg_size,
     "/chosen/vm2/shmem: reg: 0x70000000+0x10800: address and size must be page multiples", NULL},
    {reg_unaligned,
     "/chosen/vm2/shmem: reg: 0x70000010+0x10000: address and size must be page multiples", NULL},
    {reg_ram, "/chosen/vm2/shmem: reg: guest range 0x40ff0000+0x20000 overlaps the VM's memory",
     NULL},
    {reg_gic, "/chosen/vm2/shmem: reg: guest range 0x8000000+0x10000 overlaps", NULL},
    {reg_passthrough, "/chosen/vm2/shmem: reg: guest range 0x9030000+0x1000 overlaps gpio@9030000",
     NULL},
    {reg_other_region, "/chosen/vm2/shmem-log: reg: guest range 0x7000f000+0x10000 overlaps shmem",
     NULL},
    {reg_size_mismatch,
     "/chosen/vm2/shmem: reg: region \"ctl\" is 0x10000 bytes in /chosen/vm1, not 0x20000", NULL},
    {hmem_cells, "/chosen/vm2/shmem: host-memory: must be one 2-cell address", NULL},
    {hmem_unaligned, "/chosen/vm2/shmem: host-memory: 0x78000800 is not page aligned", NULL},
    {hmem_mismatch, "/chosen/vm2/shmem: host-memory: must be the same as in /chosen/vm1", NULL},
    {hmem_differs, "/chosen/vm2/shmem: host-memory: must be the same as in /chosen/vm1", NULL},
    {access_bad, "/chosen/vm2/shmem: access: must be \"read-write\" or \"read-only\"", NULL},
    {doorbell_missing, "/chosen/vm2/shmem: doorbell: must be one 2-cell address", NULL},
    {doorbell_unaligned, "/chosen/vm2/shmem: doorbell: 0x70100004 is not page aligned", NULL},
    {doorbell_in_region,
     "/chosen/vm2/shmem: reg: guest range 0x70000000+0x10000 overlaps a doorbell page", NULL},
    {doorbell_ram, "/chosen/vm2/shmem: doorbell: page 0x40001000 overlaps the VM's memory", NULL},
    {irq_missing, "/chosen/vm2/shmem: doorbell-irq: must be one non-zero cell", NULL},
    {irq_zero, "/chosen/vm2/shmem: doorbell-irq: must be one non-zero cell", NULL},
    {irq_vuart, "/chosen/vm2/shmem: doorbell-irq: 33 is already used by this VM", NULL},
    {irq_twice, "/chosen/vm2/shmem: doorbell-irq: 41 is already used by this VM", NULL},
    {peers_missing, "/chosen/vm2/shmem: peers: must be 1 to 8 VM ids", NULL},
    {peers_self, "/chosen/vm2/shmem: peers: VM 2 is this VM itself", NULL},
    {peers_unknown, "/chosen/vm2/shmem: peers: no enabled VM node has id 9", NULL},
    {peers_twice, "/chosen/vm2/shmem: peers: VM 1 is listed twice", NULL},
    {peers_no_region, "/chosen/vm2/shmem: peers: VM 3 (vm3) has no region \"ctl\"", NULL},
};

static void *two_vms(void)
{
	void *fdt = vmt_board("vm_board");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	add_shmem(fdt, VM1, "shmem", "ctl", 0x60000000, 40, 2);
	add_shmem(fdt, VM2, "shmem", "ctl", 0x70000000, 41, 1);
	return fdt;
}

static void run_case(void **state)
{
	vmt_run_case(two_vms(), *state);
}

/* A fixed region on reserved memory: its first VM is refused, naming it; others go on. */
static void test_hmem_reserved(void **state)
{
	void *fdt = two_vms();

	vmt_add_vm(fdt, "vm3", 3);
	vmt_cells(fdt, S1, "host-memory", 2, 0, 0x7f000000);
	vmt_expect_refused(
	    fdt, 1, "/chosen/vm1/shmem: host-memory: 0x7f000000+0x10000 is not free host RAM", 3);
}

/* A fixed region on another VM's kernel image is refused the same way. */
static void test_hmem_image(void **state)
{
	void *fdt = two_vms();

	vmt_add_vm(fdt, "vm3", 3);
	vmt_cells(fdt, S1, "host-memory", 2, 0, 0x48300000);
	vmt_expect_refused(
	    fdt, 1, "/chosen/vm1/shmem: host-memory: 0x48300000+0x10000 is not free host RAM", 3);
}

/* The region is taken out of free RAM: no VM memory is allocated over it. */
static void test_hmem_claimed(void **state)
{
	void *fdt = two_vms();

	const struct vm_config *vm;
	int i;

	/* The first 16 MiB of RAM that VM memory would take: 2 MiB into it. */
	vmt_cells(fdt, S1, "host-memory", 2, 0, 0x40400000);
	vmt_cells(fdt, S2, "host-memory", 2, 0, 0x40400000);
	assert_int_equal(vmt_parse(fdt), 2);
	for (i = 1; i <= 2; i++) {
		vm = vmt_find(i);
		assert_true(vm->mem[0].hpa >= 0x40410000 ||
			    vm->mem[0].hpa + vm->mem[0].size <= 0x40400000);
	}
}

/* A whole layout written in a board source (tests/unit/fixtures/vm_shmem.dts). */
static void test_fixture(void **state)
{
	void *fdt = vmt_board("vm_shmem");
	const struct vm_config *vm1, *vm2;
	int p1, p2, s1, s2;

	assert_int_equal(vmt_parse(fdt), 2);
	vm1 = vmt_find(1);
	vm2 = vmt_find(2);
	p1 = shmem_find(vm1, "ping");
	p2 = shmem_find(vm2, "ping");
	s1 = shmem_find(vm1, "state");
	s2 = shmem_find(vm2, "state");
	assert_true(p1 >= 0 && p2 >= 0 && s1 >= 0 && s2 >= 0);
	assert_int_equal(vm1->shmem[p1].hpa, vm2->shmem[p2].hpa);
	assert_int_equal(vm1->shmem[s1].hpa, 0x78000000);
	assert_int_equal(vm2->shmem[s2].hpa, 0x78000000);
	assert_int_equal(vm2->shmem[s2].size, 0x200000);
	assert_true(vm2->shmem[s2].read_only);
	assert_false(vm1->shmem[s1].read_only);
	assert_int_equal(vm2->shmem[p2].gpa, 0x30000000);
}

static int teardown(void **state)
{
	vmt_free();
	return 0;
}

int main(void)
{
	struct CMUnitTest tests[ARRAY_SIZE(cases) + 4];
	static char names[ARRAY_SIZE(cases)][64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(names[i], sizeof(names[i]), "shmem_case_%02u_%s", i,
			 cases[i].refusal ? "invalid" : "valid");
		tests[i] =
		    (struct CMUnitTest){names[i], run_case, NULL, teardown, (void *)&cases[i]};
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_hmem_reserved, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_hmem_image, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_hmem_claimed, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_fixture, teardown);
	return _cmocka_run_group_tests("shmem", tests, i, NULL, NULL);
}
