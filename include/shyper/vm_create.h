/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMs created at run time from a DT overlay (core/vm_create.c,
 * Documentation/control.md "Creating a VM").
 */
#ifndef SHYPER_VM_CREATE_H
#define SHYPER_VM_CREATE_H

#include <shyper/types.h>

/**
 * struct vm_create_req - what the management VM supplied, in the
 * hypervisor's view of its staging window
 * @overlay: a .dtbo targeting /chosen with one new shyper,vm node
 * @kernel: the kernel image, or @kernel_size 0 for the overlay's own
 *          kernel reg (an image the bootloader loaded)
 */
struct vm_create_req {
	const void *overlay;
	u64 overlay_size;
	const void *kernel;
	u64 kernel_size;
};

/**
 * vm_create() - apply, validate (the boot's messages), build and start
 * Return: 0 and the new VM's id in *@id; or -errno after logging why,
 * with every resource as it was.
 */
int vm_create(const struct vm_create_req *req, u32 *id);

#endif
