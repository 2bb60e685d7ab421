// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of a VM's shared memory regions (dt-bindings/shyper,vm.yaml, shmem sub-nodes)
 * against its own layout, the peers it names and the VMs accepted before
 * it. Each refusal names the VM, the sub-node and the property; only that
 * VM is refused.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include <shyper/memmap.h>
#include <shyper/platform.h>
#include <shyper/shmem.h>
#include "vm_internal.h"

#define shmem_refuse(vm, sh, prop, fmt, ...) \
	pr_err("%s/%s: %s: " fmt "\n", (vm)->path, (sh)->sub, prop, ##__VA_ARGS__)

/* What else occupies the guest range [base, base + size), or NULL. */
static const char *guest_occupant(const void *fdt, const struct vm_config *vm, unsigned int self,
				  bool bell, u64 base, u64 size)
{
	struct mem_region virt[GUEST_DT_MAX_REGIONS];
	int n = guest_dt_virt_regions(fdt, vm, virt, ARRAY_SIZE(virt)), i;
	const struct vm_shmem *o;

	for (i = 0; i < (int)vm->nr_mem; i++)
		if (vm_ranges_overlap(base, size, vm->mem[i].gpa, vm->mem[i].size))
			return "the VM's memory";
	for (i = 0; i < (int)vm->nr_mmio; i++)
		if (vm_ranges_overlap(base, size, vm->mmio[i].base, vm->mmio[i].size))
			return vm->mmio[i].name;
	for (i = 0; i < n; i++)
		if (vm_ranges_overlap(base, size, ALIGN_DOWN(virt[i].base, (u64)PAGE_SIZE),
				      ALIGN_UP(virt[i].size, (u64)PAGE_SIZE)))
			return virt[i].name;
	for (i = 0, o = vm->shmem; i < (int)vm->nr_shmem; i++, o++) {
		if ((i != (int)self || bell) && vm_ranges_overlap(base, size, o->gpa, o->size))
			return o->sub;
		if ((i != (int)self || !bell) &&
		    vm_ranges_overlap(base, size, o->doorbell, PAGE_SIZE))
			return "a doorbell page";
	}
	return NULL;
}

const char *shmem_guest_occupant(const void *fdt, const struct vm_config *vm, u64 base, u64 size)
{
	return guest_occupant(fdt, vm, vm->nr_shmem, true, base, size);
}

static int check_layout(const void *fdt, const struct vm_config *vm, unsigned int i)
{
	const struct vm_shmem *sh = &vm->shmem[i];
	const char *what = guest_occupant(fdt, vm, i, false, sh->gpa, sh->size);

	if (what) {
		shmem_refuse(vm, sh, "reg", "guest range 0x%llx+0x%llx overlaps %s",
			     (unsigned long long)sh->gpa, (unsigned long long)sh->size, what);
		return -EBUSY;
	}
	what = guest_occupant(fdt, vm, i, true, sh->doorbell, PAGE_SIZE);
	if (what) {
		shmem_refuse(vm, sh, "doorbell", "page 0x%llx overlaps %s",
			     (unsigned long long)sh->doorbell, what);
		return -EBUSY;
	}
	return 0;
}

/* The virtual UART's line: the host console's, as the guest DT gives it. */
static bool is_vuart_irq(const void *fdt, const struct vm_config *vm, u32 irq)
{
	const struct platform_device *con = platform_find_device(DEVICE_SERIAL);
	u32 v;

	return vm->vuart && con && vm_device_irqs(fdt, con->node, &v, 1) == 1 && v == irq;
}

static int check_irq(const void *fdt, const struct vm_config *vm, unsigned int i)
{
	const struct vm_shmem *sh = &vm->shmem[i];
	unsigned int j;

	for (j = 0; j < vm->nr_irqs; j++)
		if (vm->irq[j] == sh->irq)
			goto busy;
	for (j = 0; j < i; j++)
		if (vm->shmem[j].irq == sh->irq)
			goto busy;
	if (is_vuart_irq(fdt, vm, sh->irq))
		goto busy;
	return 0;
busy:
	shmem_refuse(vm, sh, "doorbell-irq",
		     "%u is already used by this VM (passthrough, vuart or "
		     "another doorbell)",
		     sh->irq);
	return -EBUSY;
}

static bool node_names_region(const void *fdt, int vm_node, const char *name)
{
	const char *s;
	int node;

	fdt_for_each_subnode (node, fdt, vm_node) {
		if (!shmem_is_node(fdt, node) || !dt_is_enabled(fdt, node))
			continue;
		s = dt_read_string(fdt, node, "region");
		if (s && !strcmp(s, name))
			return true;
	}
	return false;
}

static int check_peers(const void *fdt, const struct vm_config *vm, const struct vm_shmem *sh)
{
	unsigned int i;
	int node;

	for (i = 0; i < sh->nr_peers; i++) {
		if (sh->peer[i] == vm->id) {
			shmem_refuse(vm, sh, "peers", "VM %u is this VM itself", vm->id);
			return -EINVAL;
		}
		node = vm_node_by_id(fdt, sh->peer[i]);
		if (node < 0) {
			shmem_refuse(vm, sh, "peers", "no enabled VM node has id %u", sh->peer[i]);
			return -ENOENT;
		}
		if (!node_names_region(fdt, node, sh->name)) {
			shmem_refuse(vm, sh, "peers", "VM %u (%s) has no region \"%s\"",
				     sh->peer[i], fdt_get_name(fdt, node, NULL), sh->name);
			return -ENOENT;
		}
	}
	return 0;
}

/* The first VM of @vms[0..@count) with region @name; its index in *@at. */
static const struct vm_config *holder(const struct vm_config *vms, unsigned int count,
				      const char *name, int *at)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		if ((*at = shmem_find(&vms[i], name)) >= 0)
			return &vms[i];
	return NULL;
}

static int check_host(const struct vm_config *vm, const struct vm_shmem *sh,
		      const struct vm_config *vms, unsigned int count, struct memmap *pool)
{
	int at;
	const struct vm_config *first = holder(vms, count, sh->name, &at);
	const struct vm_shmem *f = first ? &first->shmem[at] : NULL;

	if (f && f->size != sh->size) {
		shmem_refuse(vm, sh, "reg", "region \"%s\" is 0x%llx bytes in %s, not 0x%llx",
			     sh->name, (unsigned long long)f->size, first->path,
			     (unsigned long long)sh->size);
		return -EINVAL;
	}
	if (f && (f->fixed != sh->fixed || (f->fixed && f->hpa != sh->hpa))) {
		shmem_refuse(vm, sh, "host-memory",
			     "must be the same as in %s (give it in every participant or in none)",
			     first->path);
		return -EINVAL;
	}
	if (f || !sh->fixed)
		return 0;
	if (!memmap_contains(pool, sh->hpa, sh->size)) {
		shmem_refuse(vm, sh, "host-memory",
			     "0x%llx+0x%llx is not free host RAM (outside RAM, reserved, a loaded "
			     "image or another VM's memory)",
			     (unsigned long long)sh->hpa, (unsigned long long)sh->size);
		return -EBUSY;
	}
	memmap_remove(pool, sh->hpa, sh->size);
	return 0;
}

int shmem_validate(const void *fdt, const struct vm_config *vm, const struct vm_config *vms,
		   unsigned int count, struct memmap *pool)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < vm->nr_shmem && !err; i++) {
		err = check_layout(fdt, vm, i);
		if (!err)
			err = check_irq(fdt, vm, i);
		if (!err)
			err = check_peers(fdt, vm, &vm->shmem[i]);
	}
	/* Host memory last: nothing is claimed for a VM refused above. */
	for (i = 0; i < vm->nr_shmem && !err; i++)
		err = check_host(vm, &vm->shmem[i], vms, count, pool);
	return err;
}

int shmem_place(struct vm_config *vms, unsigned int self, struct memmap *pool)
{
	struct vm_config *vm = &vms[self];
	const struct vm_config *first;
	struct vm_shmem *sh;
	unsigned int i;
	int at;

	for (i = 0, sh = vm->shmem; i < vm->nr_shmem; i++, sh++) {
		if (sh->fixed)
			continue;
		first = holder(vms, self, sh->name, &at);
		if (first) {
			sh->hpa = first->shmem[at].hpa;
			continue;
		}
		if (memmap_alloc(pool, sh->size, IS_ALIGNED(sh->size, SZ_2M) ? SZ_2M : PAGE_SIZE,
				 &sh->hpa)) {
			shmem_refuse(vm, sh, "reg", "no free host RAM for 0x%llx bytes",
				     (unsigned long long)sh->size);
			return -ENOMEM;
		}
	}
	return 0;
}
