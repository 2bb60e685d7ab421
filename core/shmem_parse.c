// SPDX-License-Identifier: GPL-2.0-only
/*
 * "shyper,shmem" sub-nodes of VM nodes: reading and checking them
 * (dt-bindings/shyper,vm.yaml, shmem sub-nodes). Linked by the hypervisor, the unit
 * tests and the offline checker alike.
 *
 * A region is identified by its name. The first accepted VM (in id order)
 * that names it fixes its size and host placement; every later
 * participant must agree. Each VM lists the peers it may ring, and every
 * peer must be a VM node that names the same region.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/shmem.h>
#include "vm_internal.h"

static const char *const shmem_compat[] = {"shyper,shmem", NULL};

/* "/chosen/vm2/shm: peers: ..." : the VM, the sub-node and the property. */
#define shmem_refuse(vm, sh, prop, fmt, ...) \
	pr_err("%s/%s: %s: " fmt "\n", (vm)->path, (sh)->sub, prop, ##__VA_ARGS__)

bool shmem_is_node(const void *fdt, int node)
{
	return dt_match(fdt, node, shmem_compat) != NULL;
}

int shmem_find(const struct vm_config *vm, const char *name)
{
	unsigned int i;

	for (i = 0; i < vm->nr_shmem; i++)
		if (!strcmp(vm->shmem[i].name, name))
			return (int)i;
	return -1;
}

static int check_props(const struct vm_node *vn, int node, const struct vm_shmem *sh)
{
	static const char *const allowed[] = {
	    "compatible", "region",	  "reg",   "host-memory", "access",
	    "doorbell",	  "doorbell-irq", "peers", "status",	  "phandle"};
	const char *name = dt_unknown_property(vn->fdt, node, allowed, ARRAY_SIZE(allowed));

	if (!name)
		return 0;
	shmem_refuse(vn->vm, sh, name, "unknown property for shared memory");
	return -EINVAL;
}

static int read_name(const struct vm_node *vn, int node, struct vm_shmem *sh)
{
	int len;
	const char *s = fdt_getprop(vn->fdt, node, "region", &len);

	if (!s || len < 2 || len > SHMEM_NAME_MAX + 1 || strnlen(s, len) != (size_t)len - 1) {
		shmem_refuse(vn->vm, sh, "region", "must be one name of 1 to %d characters",
			     SHMEM_NAME_MAX);
		return -EINVAL;
	}
	if (shmem_find(vn->vm, s) >= 0) {
		shmem_refuse(vn->vm, sh, "region", "\"%s\" is named twice in this VM", s);
		return -EEXIST;
	}
	sh->name = s;
	return 0;
}

static int read_reg(const struct vm_node *vn, int node, struct vm_shmem *sh)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, "reg", &len) || len != (vn->ac + vn->sc) * 4 ||
	    vm_read_addr(vn->fdt, node, "reg", 0, vn->ac, &sh->gpa) ||
	    vm_read_addr(vn->fdt, node, "reg", vn->ac, vn->sc, &sh->size) || !sh->size) {
		shmem_refuse(vn->vm, sh, "reg",
			     "must be one non-empty <address size> of %d+%d cells", vn->ac, vn->sc);
		return -EINVAL;
	}
	if (!IS_ALIGNED(sh->gpa | sh->size, (u64)PAGE_SIZE) || sh->gpa + sh->size < sh->gpa) {
		shmem_refuse(vn->vm, sh, "reg",
			     "0x%llx+0x%llx: address and size must be page multiples",
			     (unsigned long long)sh->gpa, (unsigned long long)sh->size);
		return -EINVAL;
	}
	return 0;
}

/* One address of the VM node's #address-cells, page aligned. */
static int read_page_addr(const struct vm_node *vn, int node, struct vm_shmem *sh, const char *prop,
			  u64 *out)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, prop, &len) || len != vn->ac * 4 ||
	    vm_read_addr(vn->fdt, node, prop, 0, vn->ac, out)) {
		shmem_refuse(vn->vm, sh, prop, "must be one %d-cell address", vn->ac);
		return -EINVAL;
	}
	if (!IS_ALIGNED(*out, (u64)PAGE_SIZE)) {
		shmem_refuse(vn->vm, sh, prop, "0x%llx is not page aligned",
			     (unsigned long long)*out);
		return -EINVAL;
	}
	return 0;
}

static int read_access(const struct vm_node *vn, int node, struct vm_shmem *sh)
{
	int len;
	const char *s = fdt_getprop(vn->fdt, node, "access", &len);

	if (!s)
		return 0; /* read-write */
	if (len == sizeof("read-only") && !memcmp(s, "read-only", len))
		sh->read_only = true;
	else if (len != sizeof("read-write") || memcmp(s, "read-write", len)) {
		shmem_refuse(vn->vm, sh, "access", "must be \"read-write\" or \"read-only\"");
		return -EINVAL;
	}
	return 0;
}

static int read_irq(const struct vm_node *vn, int node, struct vm_shmem *sh)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, "doorbell-irq", &len) || len != 4 ||
	    dt_read_u32(vn->fdt, node, "doorbell-irq", &sh->irq) || !sh->irq) {
		shmem_refuse(vn->vm, sh, "doorbell-irq",
			     "must be one non-zero cell (GIC INTID or PLIC source)");
		return -EINVAL;
	}
	return 0;
}

static int read_peers(const struct vm_node *vn, int node, struct vm_shmem *sh)
{
	int len, i, j;

	if (!fdt_getprop(vn->fdt, node, "peers", &len) || len <= 0 || len % 4 ||
	    len / 4 > SHMEM_MAX_PEERS) {
		shmem_refuse(vn->vm, sh, "peers", "must be 1 to %d VM ids", SHMEM_MAX_PEERS);
		return -EINVAL;
	}
	sh->nr_peers = (unsigned int)len / 4;
	for (i = 0; i < (int)sh->nr_peers; i++) {
		dt_read_u32_index(vn->fdt, node, "peers", i, &sh->peer[i]);
		for (j = 0; j < i; j++)
			if (sh->peer[j] == sh->peer[i]) {
				shmem_refuse(vn->vm, sh, "peers", "VM %u is listed twice",
					     sh->peer[i]);
				return -EEXIST;
			}
	}
	return 0;
}

int shmem_parse(struct vm_node *vn, int node)
{
	struct vm_config *vm = vn->vm;
	struct vm_shmem *sh = &vm->shmem[vm->nr_shmem < VM_MAX_SHMEM ? vm->nr_shmem : 0];
	struct vm_shmem tmp = {.node = node, .sub = fdt_get_name(vn->fdt, node, NULL)};
	int err;

	if (vm->nr_shmem == VM_MAX_SHMEM) {
		shmem_refuse(vm, &tmp, "compatible", "more than %d shared memory regions",
			     VM_MAX_SHMEM);
		return -ENOSPC;
	}
	err = check_props(vn, node, &tmp);
	if (!err)
		err = read_name(vn, node, &tmp);
	if (!err)
		err = read_reg(vn, node, &tmp);
	if (!err && fdt_getprop(vn->fdt, node, "host-memory", NULL)) {
		err = read_page_addr(vn, node, &tmp, "host-memory", &tmp.hpa);
		tmp.fixed = true;
	}
	if (!err)
		err = read_access(vn, node, &tmp);
	if (!err)
		err = read_page_addr(vn, node, &tmp, "doorbell", &tmp.doorbell);
	if (!err)
		err = read_irq(vn, node, &tmp);
	if (!err)
		err = read_peers(vn, node, &tmp);
	if (err)
		return err;
	*sh = tmp;
	vm->nr_shmem++;
	return 0;
}
