// SPDX-License-Identifier: GPL-2.0-only
/*
 * One "shyper,vm" node, property by property (dt-bindings/shyper,vm.yaml).
 * Each property is checked on its own here; what depends on the platform
 * or on other VMs is checked in vm_validate.c.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/console.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include "vm_internal.h"

typedef int (*vm_prop_fn)(struct vm_node *vn, const char *prop);

/* A property holding exactly one non-empty printable string. */
static const char *read_string(const void *fdt, int node, const char *prop)
{
	int len, i;
	const char *s = fdt_getprop(fdt, node, prop, &len);

	if (!s || len < 2 || s[len - 1] != '\0')
		return NULL;
	for (i = 0; i < len - 1; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return NULL;
	return s;
}

/*
 * A one-cell number. "fdt set ... id two" stores the 4 bytes "two\0",
 * which read as a huge cell: a value that is a printable string and out
 * of @max is reported as the string it is.
 * Return: 0, -ENOENT / -EINVAL as dt_read_u32() (not reported), or
 * -EIO when the value is a string (reported).
 */
static int read_number(struct vm_node *vn, const char *prop, u32 max, u32 *out)
{
	const char *s = read_string(vn->fdt, vn->node, prop);
	int err = dt_read_u32(vn->fdt, vn->node, prop, out);

	if (s && (err || *out > max)) {
		vm_refuse(vn->vm, prop, "must be a number, not a string (\"%s\")", s);
		return -EIO;
	}
	return err;
}

static int parse_id(struct vm_node *vn, const char *prop)
{
	u32 id;
	int err = read_number(vn, prop, VM_ID_MAX, &id);

	if (err == -EIO)
		return -EINVAL;
	if (err) {
		vm_refuse(vn->vm, prop, "must be one cell");
		return -EINVAL;
	}
	if (id > VM_ID_MAX) {
		vm_refuse(vn->vm, prop, "%u is above the largest id %u", id, VM_ID_MAX);
		return -ERANGE;
	}
	vn->vm->id = id;
	return 0;
}

static int parse_label(struct vm_node *vn, const char *prop)
{
	const char *s = read_string(vn->fdt, vn->node, prop);

	if (!s) {
		vm_refuse(vn->vm, prop, "must be one non-empty printable string");
		return -EINVAL;
	}
	/* It tags every console line of the VM (Documentation/console.md). */
	if (strlen(s) > CONSOLE_LABEL_MAX) {
		vm_refuse(vn->vm, prop, "is %u characters long, at most %u",
			  (unsigned int)strlen(s), CONSOLE_LABEL_MAX);
		return -EINVAL;
	}
	vn->vm->label = s;
	return 0;
}

static int parse_bootargs(struct vm_node *vn, const char *prop)
{
	int len;
	const char *s = fdt_getprop(vn->fdt, vn->node, prop, &len);

	/* An empty command line is fine; an unterminated one is not. */
	if (len < 1 || s[len - 1] != '\0' || strnlen(s, len) != (size_t)len - 1) {
		vm_refuse(vn->vm, prop, "must be one string");
		return -EINVAL;
	}
	vn->vm->bootargs = s;
	return 0;
}

static int parse_type(struct vm_node *vn, const char *prop)
{
	const char *s;
	u32 v;
	int t;

	/* <SHYPER_VM_*> from dt-bindings/shyper.h, or the name as a string. */
	if (!dt_read_u32(vn->fdt, vn->node, prop, &v) && v < VM_TYPE_COUNT) {
		vn->vm->type = v;
		return 0;
	}
	s = read_string(vn->fdt, vn->node, prop);
	for (t = 0; s && t < VM_TYPE_COUNT; t++) {
		if (!strcmp(s, vm_type_name(t))) {
			vn->vm->type = t;
			return 0;
		}
	}
	vm_refuse(vn->vm, prop, "must be \"general\", \"management\", \"realtime\" or <0..2>");
	return -EINVAL;
}

/* "restart", "stop" or "destroy" (libvirt's on_poweroff / on_reboot values). */
static int parse_action(struct vm_node *vn, const char *prop, enum vm_action *out)
{
	const char *s = read_string(vn->fdt, vn->node, prop);
	int a;

	for (a = VM_ACTION_RESTART; s && a < VM_ACTION_COUNT; a++) {
		if (!strcmp(s, vm_action_name(a))) {
			*out = a;
			return 0;
		}
	}
	vm_refuse(vn->vm, prop, "must be \"restart\", \"stop\" or \"destroy\"");
	return -EINVAL;
}

static int parse_on_poweroff(struct vm_node *vn, const char *prop)
{
	return parse_action(vn, prop, &vn->vm->on_poweroff);
}

static int parse_on_reboot(struct vm_node *vn, const char *prop)
{
	return parse_action(vn, prop, &vn->vm->on_reboot);
}

/* Whole 2 MiB blocks (the window's stage-2 / G-stage mapping), as the Kconfig default's range. */
static int parse_staging_size(struct vm_node *vn, const char *prop)
{
	u32 size;
	int err = read_number(vn, prop, 0xffffffffu, &size);

	if (err == -EIO)
		return -EINVAL;
	if (err || size < SZ_2M || size > 256 * SZ_1M || size % SZ_2M) {
		vm_refuse(vn->vm, prop, "must be one cell, a multiple of 2 MiB from 2 to 256 MiB");
		return -EINVAL;
	}
	vn->vm->staging_size = size;
	return 0;
}

static int parse_on_crash(struct vm_node *vn, const char *prop)
{
	return parse_action(vn, prop, &vn->vm->on_crash);
}

/* <count seconds>: more than count crash restarts within seconds is a crash loop. */
static int parse_restart_limit(struct vm_node *vn, const char *prop)
{
	u32 v[2] = {0};
	int len;

	fdt_getprop(vn->fdt, vn->node, prop, &len);
	if (len != 8 || dt_read_u32_index(vn->fdt, vn->node, prop, 0, &v[0]) ||
	    dt_read_u32_index(vn->fdt, vn->node, prop, 1, &v[1]) || !v[0] ||
	    v[0] > VM_RESTART_LIMIT_MAX || !v[1] || v[1] > VM_RESTART_WINDOW_MAX) {
		vm_refuse(vn->vm, prop, "must be <count seconds>, count 1..%u, seconds 1..%u",
			  VM_RESTART_LIMIT_MAX, VM_RESTART_WINDOW_MAX);
		return -EINVAL;
	}
	vn->vm->restart_limit.count = v[0];
	vn->vm->restart_limit.seconds = v[1];
	return 0;
}

static int parse_watchdog(struct vm_node *vn, const char *prop)
{
	int len;

	fdt_getprop(vn->fdt, vn->node, prop, &len);
	if (len) {
		vm_refuse(vn->vm, prop, "is a boolean and takes no value");
		return -EINVAL;
	}
#ifndef CONFIG_VWDT
	vm_refuse(vn->vm, prop, "this hypervisor is built without CONFIG_VWDT");
	return -EINVAL;
#endif
	vn->vm->watchdog = true;
	return 0;
}

static int parse_cpus(struct vm_node *vn, const char *prop)
{
	u32 n;
	int err = read_number(vn, prop, VM_MAX_VCPUS, &n);

	if (err == -EIO)
		return -EINVAL;
	if (err || n == 0) {
		vm_refuse(vn->vm, prop, "must be one cell, the number of vCPUs (1 or more)");
		return -EINVAL;
	}
	if (n > cpu_count() || n > VM_MAX_VCPUS) {
		vm_refuse(vn->vm, prop, "%u vCPUs but the board has %u usable CPUs (limit %u)", n,
			  cpu_count(), (unsigned int)VM_MAX_VCPUS);
		return -ERANGE;
	}
	vn->vm->nr_vcpus = n;
	return 0;
}

static int cpu_of_node(int node)
{
	unsigned int i;

	for (i = 0; i < cpu_count(); i++)
		if (cpu_get(i)->node == node)
			return (int)i;
	return -ENOENT;
}

/* Entry @i of host-cpus as a logical CPU number. */
static int host_cpu(struct vm_node *vn, const char *prop, int i)
{
	int node = vm_ref_node(vn->fdt, vn->node, prop, i);
	int cpu = node < 0 ? node : cpu_of_node(node);
	char path[VM_PATH_LEN];

	if (node < 0)
		vm_refuse(vn->vm, prop, "entry %d (%s) names no node", i,
			  vm_ref_describe(vn->fdt, vn->node, prop, i, path, sizeof(path)));
	else if (cpu < 0)
		vm_refuse(vn->vm, prop, "entry %d (%s) is not a usable CPU node", i,
			  dt_path(vn->fdt, node, path, sizeof(path)));
	return cpu;
}

static int parse_host_cpus(struct vm_node *vn, const char *prop)
{
	struct vm_config *vm = vn->vm;
	int i, j, n = vm_ref_count(vn->fdt, vn->node, prop);

	if (n <= 0 || n > (int)VM_MAX_VCPUS) {
		vm_refuse(vm, prop, "must list 1 to %u CPU nodes (phandles or paths)",
			  (unsigned int)VM_MAX_VCPUS);
		return -EINVAL;
	}
	if (vm->nr_vcpus && vm->nr_vcpus != (unsigned int)n) {
		vm_refuse(vm, prop, "lists %d CPUs but cpus = <%u>", n, vm->nr_vcpus);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		int cpu = host_cpu(vn, prop, i);

		if (cpu < 0)
			return cpu;
		for (j = 0; j < i; j++) {
			if (vm->pcpu[j] == (cpuid_t)cpu) {
				vm_refuse(vm, prop, "CPU %d is listed twice", cpu);
				return -EINVAL;
			}
		}
		vm->pcpu[i] = cpu;
	}
	vm->nr_vcpus = n;
	vm->cpus_fixed = true;
	return 0;
}

/* Range @i of memory (guest) must be page aligned and overlap no other. */
static int check_mem_range(struct vm_config *vm, const char *prop, unsigned int i)
{
	const struct vm_mem *m = &vm->mem[i];
	unsigned int j;

	if (!m->size || !IS_ALIGNED(m->gpa | m->size, PAGE_SIZE) || m->gpa + m->size < m->gpa) {
		vm_refuse(vm, prop, "range 0x%llx+0x%llx is empty, wraps or is not page aligned",
			  (unsigned long long)m->gpa, (unsigned long long)m->size);
		return -EINVAL;
	}
	for (j = 0; j < i; j++) {
		if (vm_ranges_overlap(m->gpa, m->size, vm->mem[j].gpa, vm->mem[j].size)) {
			vm_refuse(vm, prop, "range 0x%llx+0x%llx overlaps range %u",
				  (unsigned long long)m->gpa, (unsigned long long)m->size, j);
			return -EINVAL;
		}
	}
	return 0;
}

static int parse_memory(struct vm_node *vn, const char *prop)
{
	int len, entry = vn->ac + vn->sc;
	unsigned int i, n;
	int err;

	fdt_getprop(vn->fdt, vn->node, prop, &len);
	n = len / (entry * 4);
	if (len <= 0 || len % (entry * 4) || n > VM_MAX_MEM) {
		vm_refuse(vn->vm, prop, "must hold 1 to %u <address size> pairs of %d+%d cells",
			  VM_MAX_MEM, vn->ac, vn->sc);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		struct vm_mem *m = &vn->vm->mem[i];

		vm_read_addr(vn->fdt, vn->node, prop, i * entry, vn->ac, &m->gpa);
		vm_read_addr(vn->fdt, vn->node, prop, i * entry + vn->ac, vn->sc, &m->size);
		err = check_mem_range(vn->vm, prop, i);
		if (err)
			return err;
	}
	vn->vm->nr_mem = n;
	return 0;
}

static int parse_host_memory(struct vm_node *vn, const char *prop)
{
	struct vm_config *vm = vn->vm;
	unsigned int i;
	int len;

	fdt_getprop(vn->fdt, vn->node, prop, &len);
	if (len != (int)vm->nr_mem * vn->ac * 4) {
		vm_refuse(vm, prop, "must hold one %d-cell address per memory range (%u)", vn->ac,
			  vm->nr_mem);
		return -EINVAL;
	}
	for (i = 0; i < vm->nr_mem; i++) {
		struct vm_mem *m = &vm->mem[i];

		vm_read_addr(vn->fdt, vn->node, prop, i * vn->ac, vn->ac, &m->hpa);
		if (!IS_ALIGNED(m->hpa, PAGE_SIZE) || m->hpa + m->size < m->hpa) {
			vm_refuse(vm, prop, "0x%llx is not page aligned or wraps",
				  (unsigned long long)m->hpa);
			return -EINVAL;
		}
		m->fixed = true;
	}
	return 0;
}

static int parse_passthrough(struct vm_node *vn, const char *prop)
{
	struct vm_config *vm = vn->vm;
	int i, j, n = vm_ref_count(vn->fdt, vn->node, prop);

	if (n <= 0 || n > VM_MAX_DEVICES) {
		vm_refuse(vm, prop, "must list 1 to %d device nodes (phandles or paths)",
			  VM_MAX_DEVICES);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		int dev = vm_ref_node(vn->fdt, vn->node, prop, i);

		char what[VM_PATH_LEN];

		if (dev < 0) {
			vm_refuse(vm, prop, "entry %d (%s) names no node", i,
				  vm_ref_describe(vn->fdt, vn->node, prop, i, what, sizeof(what)));
			return -ENOENT;
		}
		for (j = 0; j < i; j++) {
			if (vm->device[j] == dev) {
				vm_refuse(vm, prop, "entry %d repeats entry %d", i, j);
				return -EINVAL;
			}
		}
		vm->device[i] = dev;
	}
	vm->nr_devices = n;
	return 0;
}

static int parse_vuart(struct vm_node *vn, const char *prop)
{
	int len;

	fdt_getprop(vn->fdt, vn->node, prop, &len);
	if (len != 0) {
		vm_refuse(vn->vm, prop, "is a boolean and takes no value");
		return -EINVAL;
	}
	vn->vm->vuart = true;
	return 0;
}

/*
 * Every property a VM node may carry, in the order they are read (cpus
 * before host-cpus, memory before host-memory). @parse NULL: allowed and
 * read elsewhere, or not needed.
 */
static const struct vm_prop {
	const char *name;
	vm_prop_fn parse;
	bool required;
} vm_props[] = {
    {"compatible", NULL, true},
    {"status", NULL, false},
    {"phandle", NULL, false},
    {"linux,phandle", NULL, false},
    {"#address-cells", NULL, false},
    {"#size-cells", NULL, false},
    {"id", parse_id, true},
    {"label", parse_label, false},
    {"type", parse_type, false},
    {"cpus", parse_cpus, false},
    {"host-cpus", parse_host_cpus, false},
    {"memory", parse_memory, true},
    {"host-memory", parse_host_memory, false},
    {"bootargs", parse_bootargs, false},
    {"passthrough", parse_passthrough, false},
    {"vuart", parse_vuart, false},
    {"on-poweroff", parse_on_poweroff, false},
    {"on-reboot", parse_on_reboot, false},
    {"staging-size", parse_staging_size, false},
    {"on-crash", parse_on_crash, false},
    {"restart-limit", parse_restart_limit, false},
    {"watchdog", parse_watchdog, false},
};

static const struct vm_prop *find_prop(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vm_props); i++)
		if (!strcmp(vm_props[i].name, name))
			return &vm_props[i];
	return NULL;
}

static int check_unknown(struct vm_node *vn)
{
	const char *name;
	int off;

	fdt_for_each_property_offset (off, vn->fdt, vn->node) {
		if (!fdt_getprop_by_offset(vn->fdt, off, &name, NULL))
			return -EINVAL;
		if (!find_prop(name)) {
			vm_refuse(vn->vm, name, "unknown property");
			return -EINVAL;
		}
	}
	return 0;
}

static int parse_props(struct vm_node *vn)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(vm_props); i++) {
		const struct vm_prop *p = &vm_props[i];

		if (!fdt_getprop(vn->fdt, vn->node, p->name, NULL)) {
			if (p->required) {
				vm_refuse(vn->vm, p->name, "missing, but required");
				return -ENOENT;
			}
			continue;
		}
		err = p->parse ? p->parse(vn, p->name) : 0;
		if (err)
			return err;
	}
	if (!vn->vm->nr_vcpus) {
		vm_refuse(vn->vm, "cpus", "missing: give cpus or host-cpus");
		return -ENOENT;
	}
	return 0;
}

/* #address-cells / #size-cells of the VM node: 1 or 2, spec defaults 2 and 1. */
static int read_cells(struct vm_node *vn, const char *prop, int dflt, int *out)
{
	u32 v;
	int err = dt_read_u32(vn->fdt, vn->node, prop, &v);

	if (err == -ENOENT) {
		*out = dflt;
		return 0;
	}
	if (err || v < 1 || v > 2) {
		vm_refuse(vn->vm, prop, "must be <1> or <2>");
		return -EINVAL;
	}
	*out = (int)v;
	return 0;
}

static void init_config(const void *fdt, int node, struct vm_config *vm)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	unsigned int i;

	memset(vm, 0, sizeof(*vm));
	vm->node = node;
	vm->fdt = fdt;
	/* A path too long for messages is cut to the node name. */
	if (fdt_get_path(fdt, node, vm->path, sizeof(vm->path))) {
		memset(vm->path, 0, sizeof(vm->path));
		if (name)
			memcpy(vm->path, name, strnlen(name, sizeof(vm->path) - 1));
	}
	vm->label = name;
	vm->type = VM_TYPE_GENERAL;
	for (i = 0; i < VM_IMAGE_COUNT; i++)
		vm->image[i].node = -1;
}

int vm_parse_node(const void *fdt, int node, struct vm_config *vm)
{
	struct vm_node vn = {.fdt = fdt, .node = node, .vm = vm};
	int err;

	init_config(fdt, node, vm);
	err = read_cells(&vn, "#address-cells", 2, &vn.ac);
	if (!err)
		err = read_cells(&vn, "#size-cells", 1, &vn.sc);
	if (!err)
		err = check_unknown(&vn);
	if (!err)
		err = parse_props(&vn);
	if (!err)
		err = vm_parse_images(&vn);
	if (!err)
		err = vm_place_images(vm);
	return err;
}

const char *vm_type_name(enum vm_type type)
{
	static const char *const names[VM_TYPE_COUNT] = {
	    [VM_TYPE_GENERAL] = "general",
	    [VM_TYPE_MANAGEMENT] = "management",
	    [VM_TYPE_REALTIME] = "realtime",
	};

	return type < VM_TYPE_COUNT ? names[type] : "?";
}
