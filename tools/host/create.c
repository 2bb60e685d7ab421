// SPDX-License-Identifier: GPL-2.0-only
/*
 * The checker's --create (Documentation/checker.md): core/vm_create.c's
 * vm_create() itself, run on what the boot left free. What core/vm.c does
 * for it in the hypervisor is here instead: the VM slots are the boot
 * VMs' (their staging window taken from the free RAM as core/control.c
 * takes it; a --destroyed one released as vm_release() releases it), vm_add()
 * builds the guest DTB as the boot does and starts nothing, and the host
 * RAM vm_create() copies into is a buffer per range.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <shyper/platform.h>
#include <shyper/vm.h>
#include <shyper/vm_create.h>
#include "host.h"

/* The tree and each image: one range each per create. */
#define MAX_COPIES (VM_IMAGE_COUNT + 1)

struct copy {
	paddr_t hpa;
	u64 size;
	void *buf;
};

static struct copy copies[MAX_COPIES];
static unsigned int nr_copies;
static const struct vm_config *slot_cfg[VM_MAX];
static bool released[VM_MAX];
static unsigned int nr_slots;
static struct vm_config added;
static unsigned int added_slot;

/* The host RAM the boot takes for the management VM's staging window (core/control.c). */
static void take_staging(const struct vm_config *vm)
{
	const struct mem_region *win = &vm->layout.staging;
	paddr_t hpa;

	if (!win->size)
		return;
	if (platform_alloc(win->size, SZ_2M, &hpa))
		printf("vm%u (%s): staging window: no free host RAM for 0x%llx bytes\n", vm->id,
		       vm->label, (unsigned long long)win->size);
	else
		printf("vm%u (%s): staging window at hpa 0x%llx+0x%llx, taken as at boot\n", vm->id,
		       vm->label, (unsigned long long)hpa, (unsigned long long)win->size);
}

void host_vms_booted(const struct vm_config *vms, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count && i < VM_MAX; i++) {
		slot_cfg[i] = &vms[i];
		take_staging(&vms[i]);
	}
	nr_slots = i;
}

int host_vm_release(u32 id)
{
	unsigned int i, m;

	for (i = 0; i < nr_slots; i++) {
		const struct vm_config *cfg = slot_cfg[i];

		if (released[i] || cfg->id != id)
			continue;
		released[i] = true;
		/* Its RAM back to the free host RAM, as core/vm.c's release_memory(). */
		for (m = 0; m < cfg->nr_mem; m++)
			if (memmap_give_back(&platform.usable, cfg->mem[m].hpa, cfg->mem[m].size,
					     "ram"))
				return -ENOSPC;
		printf("vm%u (%s): destroyed: CPUs, memory and interrupts released\n", cfg->id,
		       cfg->label);
		return 0;
	}
	return -ENOENT;
}

const struct vm_config *host_vm_added(unsigned int *slot)
{
	*slot = added_slot;
	return added.path[0] ? &added : NULL;
}

const void *host_ram_find(paddr_t hpa, u64 size)
{
	unsigned int i;

	for (i = 0; i < nr_copies; i++)
		if (hpa >= copies[i].hpa && size <= copies[i].size &&
		    hpa - copies[i].hpa <= copies[i].size - size)
			return (u8 *)copies[i].buf + (hpa - copies[i].hpa);
	return NULL;
}

void *vm_create_va(paddr_t hpa, u64 size)
{
	void *buf = (void *)host_ram_find(hpa, size);

	if (buf)
		return buf;
	buf = calloc(1, size);
	if (!buf || nr_copies == MAX_COPIES) {
		fprintf(stderr, "shyper-dt: out of memory for a 0x%llx-byte copy\n",
			(unsigned long long)size);
		exit(2);
	}
	copies[nr_copies++] = (struct copy){hpa, size, buf};
	return buf;
}

int vm_slot_free(void)
{
	unsigned int i;

	for (i = 0; i < nr_slots; i++)
		if (released[i])
			return (int)i;
	return nr_slots < VM_MAX ? (int)nr_slots : -ENOSPC;
}

unsigned int vm_live_configs(struct vm_config *out)
{
	unsigned int i, n = 0;

	for (i = 0; i < nr_slots; i++)
		if (!released[i])
			out[n++] = *slot_cfg[i];
	return n;
}

/* The build's part the checker has: the guest DTB, which can refuse the VM. */
int vm_add(unsigned int slot, const struct vm_config *cfg)
{
	if (slot >= VM_MAX || slot > nr_slots || (slot < nr_slots && !released[slot]))
		return -EINVAL;
	if (host_build_guest(cfg))
		return -EINVAL;
	added = *cfg;
	added_slot = slot;
	return 0;
}
