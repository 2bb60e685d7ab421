/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMs created at run time from a DT overlay (core/vm_create.c,
 * Documentation/control.md "Creating a VM").
 */
#ifndef SHYPER_VM_CREATE_H
#define SHYPER_VM_CREATE_H

#include <shyper/types.h>
#include <shyper/vm_config.h>

/** struct vm_create_blob - bytes in the hypervisor's view of the staging window */
struct vm_create_blob {
	const void *data;
	u64 size;
};

/**
 * struct vm_create_req - what the management VM supplied
 * @overlay: a .dtbo targeting /chosen with one new shyper,vm node
 * @image: by enum vm_image_kind, the kernel, ramdisk and device-tree
 *         images; size 0: the overlay's own node of that image, if any
 *         (an image the bootloader loaded), is used as it is
 */
struct vm_create_req {
	struct vm_create_blob overlay;
	struct vm_create_blob image[VM_IMAGE_COUNT];
};

/**
 * vm_create() - apply, validate (the boot's messages), build and start
 * Return: 0 and the new VM's id in *@id; or -errno after logging why,
 * with every resource as it was.
 */
int vm_create(const struct vm_create_req *req, u32 *id);

/**
 * vm_create_va() - where vm_create() writes and reads the host RAM
 * [@hpa, @hpa + @size) it took: the hypervisor's 1:1 map (core/vm.c); the
 * offline checker, which has no board RAM, gives a buffer of its own for
 * each range (tools/host/create.c).
 */
void *vm_create_va(paddr_t hpa, u64 size);

#endif
