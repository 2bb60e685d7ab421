// SPDX-License-Identifier: GPL-2.0-only
/*
 * From the /chosen "shyper,vm" nodes to validated VM descriptions.
 *
 * Pass 1 reads each node and checks it against the platform and the VMs
 * accepted before it; what a VM names explicitly (host CPUs, host memory,
 * devices) is claimed there, in id order. Pass 2 serves what a VM asks
 * for by quantity (a CPU count, memory without a host address) from what
 * is left, so an explicit request never loses to a later count.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/shmem.h>
#include "vm_internal.h"

/* Boot-time scratch: too big for a hypervisor stack, used by one CPU. */
static struct memmap images;
static struct memmap pool;
/* The last accepted set, for vm_config_owner(). */
static const struct vm_config *accepted;
static unsigned int nr_accepted;

static void claim_fixed(const struct vm_config *vm, bool claim)
{
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++) {
		if (!vm->mem[i].fixed)
			continue;
		if (claim)
			memmap_remove(&pool, vm->mem[i].hpa, vm->mem[i].size);
		else
			memmap_add(&pool, vm->mem[i].hpa, vm->mem[i].size, "ram");
	}
}

static int parse_one(const void *fdt, int node, struct vm_config *vms, unsigned int count)
{
	struct vm_config *vm = &vms[count];
	int err = vm_parse_node(fdt, node, vm);

	if (!err)
		err = vm_validate(fdt, vm, vms, count, &images);
	if (!err)
		err = shmem_validate(fdt, vm, vms, count, &pool); /* core/shmem_validate.c */
	if (!err)
		err = virtio_validate(fdt, vm, vms, count); /* core/virtio_parse.c */
	if (err) {
		pr_err("%s: VM refused, the other VMs go on\n", vm->path);
		return err;
	}
	claim_fixed(vm, true);
	return 0;
}

/* CPUs held by fixed VMs and by the count VMs before @self. */
static void busy_cpus(const struct vm_config *vms, unsigned int count, unsigned int self,
		      bool *busy)
{
	unsigned int i, j;

	memset(busy, 0, sizeof(bool) * CONFIG_MAX_CPUS);
	for (i = 0; i < count; i++)
		if (vms[i].cpus_fixed || i < self)
			for (j = 0; j < vms[i].nr_vcpus; j++)
				busy[vms[i].pcpu[j]] = true;
}

static int assign_cpus(struct vm_config *vms, unsigned int count, unsigned int self)
{
	static bool busy[CONFIG_MAX_CPUS];
	struct vm_config *vm = &vms[self];
	unsigned int cpu, n = 0;

	if (vm->cpus_fixed)
		return 0;
	busy_cpus(vms, count, self, busy);
	for (cpu = 0; cpu < cpu_count() && n < vm->nr_vcpus; cpu++)
		if (!busy[cpu])
			vm->pcpu[n++] = cpu;
	if (n < vm->nr_vcpus) {
		vm_refuse(vm, "cpus", "%u vCPUs asked, only %u CPUs left free", vm->nr_vcpus, n);
		return -EBUSY;
	}
	return 0;
}

/* 2 MiB alignment when the size allows it: block mappings in stage 2. */
static int alloc_memory(struct vm_config *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++) {
		struct vm_mem *m = &vm->mem[i];
		u64 align = IS_ALIGNED(m->size | m->gpa, SZ_2M) ? SZ_2M : PAGE_SIZE;

		if (m->fixed)
			continue;
		if (memmap_alloc(&pool, m->size, align, &m->hpa)) {
			vm_refuse(vm, "memory", "no free host RAM for 0x%llx bytes",
				  (unsigned long long)m->size);
			while (i-- > 0)
				if (!vm->mem[i].fixed)
					memmap_add(&pool, vm->mem[i].hpa, vm->mem[i].size, "ram");
			return -ENOMEM;
		}
	}
	return 0;
}

static unsigned int serve_quantities(struct vm_config *vms, unsigned int count)
{
	unsigned int i = 0;

	while (i < count) {
		if (!assign_cpus(vms, count, i) && !alloc_memory(&vms[i]) &&
		    !shmem_place(vms, i, &pool)) {
			i++;
			continue;
		}
		pr_err("%s: VM refused, the other VMs go on\n", vms[i].path);
		claim_fixed(&vms[i], false);
		memmove(&vms[i], &vms[i + 1], (count - i - 1) * sizeof(vms[0]));
		count--;
	}
	return count;
}

/*
 * VMs are taken in id order, not DTB order: overlays and "fdt mknode" both
 * insert new nodes first, so the DTB order depends on how the layout was
 * written. Equal ids are ordered by node name (sibling names are unique),
 * so which of two VMs with one id is taken never depends on DTB order. A
 * node without a valid id sorts last and is refused later.
 */
static u32 vm_key(const void *fdt, int node)
{
	u32 id;

	if (dt_read_u32(fdt, node, "id", &id) || id > VM_ID_MAX)
		id = VM_ID_MAX + 1;
	return id;
}

/* <0 when @a comes before @b. */
static int vm_order(const void *fdt, int a, int b)
{
	u32 ka = vm_key(fdt, a), kb = vm_key(fdt, b);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(fdt_get_name(fdt, a, NULL), fdt_get_name(fdt, b, NULL));
}

/* The first VM node after @last (-1: the very first). */
static int next_vm_node(const void *fdt, int chosen, int last)
{
	int node, found = -FDT_ERR_NOTFOUND;

	fdt_for_each_subnode (node, fdt, chosen) {
		if (fdt_node_check_compatible(fdt, node, "shyper,vm"))
			continue;
		if (last >= 0 && vm_order(fdt, node, last) <= 0)
			continue;
		if (found < 0 || vm_order(fdt, node, found) < 0)
			found = node;
	}
	return found;
}

/* "vm", "vm1", "vm-linux", "vm@1": the names the binding's examples use. */
static bool vm_like_name(const char *name)
{
	return name && name[0] == 'v' && name[1] == 'm' &&
	       (!name[2] || (name[2] >= '0' && name[2] <= '9') || name[2] == '-' ||
		name[2] == '_' || name[2] == '@');
}

static bool shyper_compatible(const void *fdt, int node)
{
	int i, n = fdt_stringlist_count(fdt, node, "compatible");
	const char *s;

	for (i = 0; i < n; i++) {
		s = fdt_stringlist_get(fdt, node, "compatible", i, NULL);
		if (s && !strncmp(s, "shyper,", 7))
			return true;
	}
	return false;
}

int vm_config_lookalikes(const void *fdt, bool report)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node, n = 0;
	const char *compat;
	char path[VM_PATH_LEN];

	if (chosen < 0)
		return 0;
	fdt_for_each_subnode (node, fdt, chosen) {
		/* shyper,overlay nodes are another binding (core/dt_overlay.c). */
		if (!fdt_node_check_compatible(fdt, node, "shyper,vm") ||
		    !fdt_node_check_compatible(fdt, node, "shyper,overlay") ||
		    (!vm_like_name(fdt_get_name(fdt, node, NULL)) && !shyper_compatible(fdt, node)))
			continue;
		n++;
		if (!report)
			continue;
		compat = dt_read_string(fdt, node, "compatible");
		pr_warn("%s: looks like a VM but %s%s%s, not \"shyper,vm\": ignored\n",
			dt_path(fdt, node, path, sizeof(path)),
			compat ? "its compatible is \"" : "it has no compatible",
			compat ? compat : "", compat ? "\"" : "");
	}
	return n;
}

int vm_config_parse(const void *fdt, struct vm_config *vms, unsigned int max)
{
	int chosen, node;
	unsigned int count = 0;
	char path[VM_PATH_LEN];
	int last = -1;

	if (dt_check(fdt))
		return -EINVAL;
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		return 0;
	vm_config_lookalikes(fdt, true);
	vm_collect_images(fdt, &images);
	pool = platform.usable;
	memmap_subtract(&pool, &images);
	for (; (node = next_vm_node(fdt, chosen, last)) >= 0; last = node) {
		dt_path(fdt, node, path, sizeof(path));
		if (!dt_is_enabled(fdt, node)) {
			pr_info("%s: disabled, skipped\n", path);
			continue;
		}
		if (count == max) {
			pr_err("%s: VM refused: more than %u VMs\n", path, max);
			continue;
		}
		count += !parse_one(fdt, node, vms, count);
	}
	count = serve_quantities(vms, count);
	platform.usable = pool;
	accepted = vms;
	nr_accepted = count;
	return (int)count;
}

/*
 * One VM at run time (core/vm_create.c): the same passes as at boot, with
 * the VMs that hold resources now as the ones accepted before it, and the
 * free host RAM as the pool.
 */
int vm_config_parse_created(const void *fdt, int node, const struct vm_config *live,
			    unsigned int nr_live, struct vm_config *out)
{
	static struct vm_config vms[VM_MAX + 1];
	int err;

	if (nr_live > VM_MAX)
		return -EINVAL;
	memcpy(vms, live, nr_live * sizeof(vms[0]));
	vm_collect_images(fdt, &images);
	pool = platform.usable;
	memmap_subtract(&pool, &images);
	err = parse_one(fdt, node, vms, nr_live);
	if (err)
		return err;
	err = assign_cpus(vms, nr_live + 1, nr_live);
	if (!err)
		err = alloc_memory(&vms[nr_live]);
	if (!err)
		err = shmem_place(vms, nr_live, &pool);
	if (err) {
		pr_err("%s: VM refused, the other VMs go on\n", vms[nr_live].path);
		return err;
	}
	platform.usable = pool;
	*out = vms[nr_live];
	return 0;
}

const struct vm_config *vm_config_owner(const void *fdt, int node)
{
	unsigned int i, j;

	for (i = 0; i < nr_accepted; i++)
		for (j = 0; j < accepted[i].nr_devices; j++)
			if (dt_node_within(fdt, node, accepted[i].device[j]))
				return &accepted[i];
	return NULL;
}
