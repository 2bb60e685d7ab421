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

#endif
