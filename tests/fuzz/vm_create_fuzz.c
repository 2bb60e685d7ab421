// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the run-time overlay path, core/vm_create.c
 * vm_create(): the overlay copied and checked, applied with libfdt
 * (core/dt_overlay.c) to a copy of the host DT, parsed (core/vm_parse.c)
 * and validated (core/vm_validate.c, core/vm_config.c) against the live
 * VMs and the free host RAM, its images copied out, then vm_add(). The
 * world is vm_create_test's (tests/unit/vm_testlib.c): the QEMU virt
 * board with one boot VM, free host RAM that is real memory.
 *
 * An input is HEAD_SIZE bytes, then the .dtbo: the kernel, ramdisk and
 * device-tree image sizes (0: none given), and flags (below; renumbering
 * lets VMs from the same seed live side by side). The state lives on
 * across inputs, like the hypervisor's: a VM created is kept, or (flag)
 * released the way core/vm.c's vm_release() does; when the slots are full
 * the next create must be refused, then every VM is released.
 * Checked (abort): a refusal printed a message and left the free and
 * reserved ranges as they were; a VM's RAM and image copies were free and
 * overlap no other live VM's; all released, the free RAM is what it was
 * at the start. Seeds: the overlays of tests/guests/overlays and the unit
 * fixture overlay-create.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/vm.h>
#include <shyper/vm_create.h>
#include <unit.h>
#include "../unit/vm_testlib.h"

#define RAM_SIZE (512UL << 20)
#define HEAD_SIZE 4
#define IMAGE_STEP 1531 /* size = byte * step: odd sizes, up to ~380 KiB */
#define RELEASE_NOW 1 /* flags: release a VM created by this input */
#define BUILD_FAILS 2 /* flags: vm_add() fails, as a failed vm_build() */
/* flags: every shyper,vm node's id becomes 5 + (flags >> 3) + the slot: one per live VM */
#define RENUMBER 4
/* The boot VM's and one per CPU it leaves (the board has 4): slots run out before CPUs do. */
#define SLOTS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static u8 *ram;
static u8 image_src[256 * IMAGE_STEP];
static struct memmap start_usable, start_reserved;
/* Slot 0 is the boot VM (vmt_vms[0]); a created VM in slot n is live[n]. */
static struct vm_config live[SLOTS];
static bool in_use[SLOTS];
static bool add_fails;

int vm_slot_free(void)
{
	int i;

	for (i = 1; i < SLOTS; i++)
		if (!in_use[i])
			return i;
	return -ENOSPC;
}

unsigned int vm_live_configs(struct vm_config *out)
{
	unsigned int i, n = 0;

	out[n++] = vmt_vms[0];
	for (i = 1; i < SLOTS; i++)
		if (in_use[i])
			out[n++] = live[i];
	return n;
}

int vm_add(unsigned int slot, const struct vm_config *cfg)
{
	if (slot == 0 || slot >= SLOTS || in_use[slot])
		abort(); /* vm_create() takes the slot vm_slot_free() named */
	if (add_fails)
		return -ENOMEM;
	live[slot] = *cfg;
	in_use[slot] = true;
	return 0;
}

/*
 * Something besides core/dt_overlay.c's news, first when the overlay
 * applied, "overlay: overlay: applied (<size> bytes)": the refusal's reason.
 */
static bool said_why(u64 overlay_size)
{
	const char *log = unit_capture_text();
	char applied[64];
	size_t n;

	n = (size_t)snprintf(applied, sizeof(applied), "overlay: overlay: applied (%llu bytes)\n",
			     (unsigned long long)overlay_size);
	if (!strncmp(log, applied, n))
		log += n;
	return log[0] != '\0';
}

static bool same_ranges(const struct memmap *a, const struct memmap *b)
{
	unsigned int i;

	if (a->count != b->count)
		return false;
	for (i = 0; i < a->count; i++)
		if (a->region[i].base != b->region[i].base ||
		    a->region[i].size != b->region[i].size)
			return false;
	return true;
}

static bool overlap(u64 a, u64 asize, u64 b, u64 bsize)
{
	return asize && bsize && a < b + bsize && b < a + asize;
}

/* The host ranges a VM holds: its RAM first, then its images and the DT it was read from. */
static unsigned int held(const struct vm_config *vm, struct mem_region *out)
{
	unsigned int i, n = 0;

	for (i = 0; i < vm->nr_mem; i++)
		out[n++] = (struct mem_region){vm->mem[i].hpa, vm->mem[i].size, "ram"};
	for (i = 0; i < VM_IMAGE_COUNT; i++)
		if (vm->image[i].node >= 0)
			out[n++] =
			    (struct mem_region){vm->image[i].hpa, vm->image[i].size, "image"};
	out[n++] = (struct mem_region){(uintptr_t)vm->fdt, fdt_totalsize(vm->fdt), "tree"};
	return n;
}

/*
 * Range @i of held(@vm) is one vm_create() copied out (not an image the
 * bootloader loaded, which VMs may share): the DT, or an image given.
 */
static bool is_copy(const struct vm_config *vm, const u64 given[VM_IMAGE_COUNT], unsigned int i)
{
	unsigned int k, n = vm->nr_mem;

	for (k = 0; k < VM_IMAGE_COUNT; k++)
		if (vm->image[k].node >= 0 && n++ == i)
			return given[k] != 0;
	return i == n;
}

/* A VM just created in @slot, from sizes @given, while @usable was free. */
static void check_created(unsigned int slot, const u64 given[VM_IMAGE_COUNT],
			  const struct memmap *usable)
{
	struct mem_region mine[VM_MAX_MEM + VM_IMAGE_COUNT + 1],
	    other[VM_MAX_MEM + VM_IMAGE_COUNT + 1];
	struct vm_config all[VM_MAX];
	const struct vm_config *vm = &live[slot];
	unsigned int n, i, j, k, m, count = vm_live_configs(all);

	for (i = 0; i < vm->nr_mem; i++)
		if (!memmap_contains(usable, vm->mem[i].hpa, vm->mem[i].size))
			abort(); /* its RAM was not free */
	for (k = 0; k < VM_IMAGE_COUNT; k++) {
		const struct vm_image *img = &vm->image[k];

		if (!given[k])
			continue;
		if (img->size != ALIGN_UP(given[k], (u64)PAGE_SIZE) ||
		    !memmap_contains(usable, img->hpa, img->size) ||
		    memcmp((void *)(uintptr_t)img->hpa, image_src, given[k]))
			abort(); /* not a faithful copy in free pages of its own */
	}
	if (!memmap_contains(usable, (uintptr_t)vm->fdt, fdt_totalsize(vm->fdt)))
		abort(); /* its DT copy is not in pages that were free */
	n = held(vm, mine);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (overlap(mine[i].base, mine[i].size, mine[j].base, mine[j].size))
				abort();
	for (k = 0; k < count; k++) {
		if (!strcmp(all[k].path, vm->path) && all[k].id == vm->id)
			continue;
		m = held(&all[k], other);
		for (i = 0; i < n; i++)
			for (j = 0; j < m; j++)
				if ((i < vm->nr_mem || j < all[k].nr_mem ||
				     is_copy(vm, given, i)) &&
				    overlap(mine[i].base, mine[i].size, other[j].base,
					    other[j].size))
					abort(); /* RAM or a fresh copy shared with another live VM
						  */
	}
}

/* core/vm.c vm_release(): the RAM back to the free list, then the copies. */
static void release(unsigned int slot)
{
	unsigned int i;

	for (i = 0; i < live[slot].nr_mem; i++)
		if (memmap_give_back(&platform.usable, live[slot].mem[i].hpa,
				     live[slot].mem[i].size, "ram"))
			abort();
	vm_create_release(slot);
	in_use[slot] = false;
}

static void check_all_released(void)
{
	if (memmap_total(&platform.usable) != memmap_total(&start_usable) ||
	    !same_ranges(&platform.usable, &start_usable) ||
	    !same_ranges(&platform.reserved, &start_reserved))
		abort(); /* something was not given back, or the map fragmented */
}

static unsigned int nr_created(void)
{
	unsigned int i, n = 0;

	for (i = 1; i < SLOTS; i++)
		n += in_use[i];
	return n;
}

static void release_all(void)
{
	unsigned int i;

	for (i = 1; i < SLOTS; i++)
		if (in_use[i])
			release(i);
	check_all_released();
}

/* The world of vm_create_test's setup(), once: the state lives on. */
static void world_init(void)
{
	size_t i;

	ram = vmt_create_world(RAM_SIZE);
	for (i = 0; i < sizeof(image_src); i++)
		image_src[i] = (u8)(i * 7 + 1);
	start_usable = platform.usable;
	start_reserved = platform.reserved;
}

/* The overlay, its VM nodes' ids set in place (RENUMBER) when it has a sound header. */
static void *take_overlay(const uint8_t *data, size_t size, uint8_t flags, int slot)
{
	void *blob = malloc(size ? size : 1);
	int node;

	if (!blob)
		abort();
	memcpy(blob, data, size);
	if (!(flags & RENUMBER) || size < sizeof(struct fdt_header) || fdt_check_header(blob) ||
	    fdt_totalsize(blob) > size)
		return blob; /* the checks of vm_create() itself, before libfdt reads further */
	for (node = fdt_node_offset_by_compatible(blob, -1, "shyper,vm"); node >= 0;
	     node = fdt_node_offset_by_compatible(blob, node, "shyper,vm"))
		fdt_setprop_inplace_u32(blob, node, "id", 5 + (flags >> 3) + (u32)slot);
	return blob;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct memmap usable, reserved;
	struct vm_create_req req = {0};
	u64 given[VM_IMAGE_COUNT];
	int slot, err, kind;
	u32 id = 0;

	if (!ram)
		world_init();
	if (size < HEAD_SIZE)
		return 0;
	for (kind = 0; kind < VM_IMAGE_COUNT; kind++) {
		given[kind] = (u64)data[kind] * IMAGE_STEP;
		req.image[kind] = (struct vm_create_blob){image_src, given[kind]};
	}
	slot = vm_slot_free();
	req.overlay = (struct vm_create_blob){
	    take_overlay(data + HEAD_SIZE, size - HEAD_SIZE, data[3], slot), size - HEAD_SIZE};
	add_fails = data[3] & BUILD_FAILS;
	usable = platform.usable;
	reserved = platform.reserved;
	unit_capture_clear();
	err = vm_create(&req, &id);
	if (err) {
		/* vm_add() failing is vm_build()'s to explain, not vm_create()'s. */
		if (!said_why(req.overlay.size) && !(add_fails && slot > 0))
			abort(); /* refused without a word */
		if (!same_ranges(&platform.usable, &usable) ||
		    !same_ranges(&platform.reserved, &reserved))
			abort(); /* a refusal kept something */
	} else {
		if (slot <= 0 || !in_use[slot] || id != live[slot].id)
			abort();
		check_created((unsigned int)slot, given, &usable);
		if (data[3] & RELEASE_NOW)
			release((unsigned int)slot);
	}
	free((void *)req.overlay.data);
	if (slot < 0)
		release_all(); /* the slots ran out: start again */
	else if (vm_slot_free() == 1 && nr_created() == 0)
		check_all_released();
	return 0;
}
