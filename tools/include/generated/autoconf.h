/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Configuration of the offline checker (tools/shyper-dt): capacities at
 * least as large as any hypervisor build's, so that what the checker
 * accepts the hypervisor accepts too with its defaults.
 */
#ifndef TOOLS_GENERATED_AUTOCONF_H
#define TOOLS_GENERATED_AUTOCONF_H

#define CONFIG_MAX_CPUS 64
#define CONFIG_MAX_MEM_REGIONS 64
#define CONFIG_MAX_VMS 8
#define CONFIG_VWDT 1
#define CONFIG_LOG_LEVEL 2
/* Every virtual UART model a hypervisor build can have (core/vuart_model.c). */
#define CONFIG_VUART_PL011 1
#define CONFIG_VUART_NS16550 1
#define CONFIG_VUART_BCM2835_AUX 1
/* Every virtio device type (core/virtio_parse.c). */
#define CONFIG_VIRTIO_NET 1
#define CONFIG_VIRTIO_CONSOLE 1
#define CONFIG_VIRTIO_BLK 1
/* The management VM's staging window (core/Kconfig default): its place is checked. */
#define CONFIG_CONTROL_STAGING_KIB 4096
/*
 * A run-time overlay's tree (core/vm_create.c, --create): the default
 * (core/Kconfig), so that a DTB the default build cannot copy is refused.
 */
#define CONFIG_DT_OVERLAY_BUF_KIB 128

#endif
