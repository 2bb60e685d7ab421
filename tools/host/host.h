/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the offline checker's host files (tools/host/). */
#ifndef TOOLS_HOST_H
#define TOOLS_HOST_H

#include <shyper/types.h>

/** host_set_boot_hwid() - what cpu_arch_boot_hwid() returns. */
void host_set_boot_hwid(u64 hwid);

/** host_is_riscv_cpu() - the CPU node is a riscv hart. */
bool host_is_riscv_cpu(const void *fdt, int node);

/** host_console_init() - printk() goes to stdout. */
void host_console_init(void);

struct vm_config;

/*
 * --create (tools/host/create.c): the seams core/vm_create.c's vm_create()
 * runs on in the checker.
 */
/** host_vms_booted() - the VMs the boot accepted take their slots. */
void host_vms_booted(const struct vm_config *vms, unsigned int count);

/** host_vm_release() - free boot VM @id's CPUs, RAM and devices; -ENOENT if none. */
int host_vm_release(u32 id);

/** host_vm_added() - the VM vm_create() added and its slot in *@slot, or NULL. */
const struct vm_config *host_vm_added(unsigned int *slot);

/** host_ram_find() - the checker's copy of host RAM [@hpa, @hpa + @size), or NULL. */
const void *host_ram_find(paddr_t hpa, u64 size);

/** host_build_guest() - the guest DTB of @vm, as at boot (tools/shyper-dt.c); 0 or 1 error. */
int host_build_guest(const struct vm_config *vm);

#endif
