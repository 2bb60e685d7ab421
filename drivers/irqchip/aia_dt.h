/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device-tree half of the RISC-V Advanced Interrupt Architecture
 * (AIA spec 1.0): APLIC domains (aplic_dt.c) and IMSIC interrupt files
 * (imsic_dt.c), as Linux's riscv,aplic.yaml and riscv,imsics.yaml describe
 * them and QEMU's virt board (aia=aplic-imsic) generates them.
 */
#ifndef DRIVERS_IRQCHIP_AIA_DT_H
#define DRIVERS_IRQCHIP_AIA_DT_H

#include <shyper/device.h>
#include <shyper/types.h>

extern const struct driver_dt aplic_dt;
extern const struct driver_dt imsic_dt;
extern const struct dt_device_id imsic_match[];

/* Privilege level of an interrupt file or domain, by the hart interrupt it raises. */
enum aia_level {
	AIA_LEVEL_UNKNOWN,
	AIA_LEVEL_SUPERVISOR, /* supervisor external interrupt, cause 9 */
	AIA_LEVEL_MACHINE, /* machine external interrupt, cause 11: the firmware's */
};

/**
 * struct imsic_dt - an IMSIC node: the interrupt files of one level
 * @base, @size: its first register window (every hart's files)
 * @harts: how many harts it serves (entries of interrupts-extended)
 * @num_ids: interrupt identities per file (riscv,num-ids)
 * @guest_files: guest interrupt files per hart, 2^riscv,guest-index-bits - 1
 * @level: which external interrupt its files raise
 */
struct imsic_dt {
	paddr_t base;
	u64 size;
	u32 harts;
	u32 num_ids;
	u32 guest_files;
	enum aia_level level;
};

/**
 * imsic_dt_read() - the IMSIC node @node
 * Return: 0, or -EINVAL naming nothing (the caller names the node) when
 * reg, riscv,num-ids or interrupts-extended is missing or malformed.
 */
int imsic_dt_read(const void *fdt, int node, struct imsic_dt *out);

/**
 * struct aplic_dt - an APLIC domain
 * @base, @size: its register window
 * @sources: wired interrupt sources (riscv,num-sources)
 * @msi_parent: the IMSIC it delivers to (MSI mode), or -1 (direct mode)
 * @children: child domains it delegates sources to (riscv,children)
 * @level: the level of the harts' interrupts it raises
 */
struct aplic_dt {
	paddr_t base;
	u64 size;
	u32 sources;
	int msi_parent;
	int children;
	enum aia_level level;
};

/**
 * aplic_dt_read() - the APLIC node @node
 * Return: 0, or -EINVAL when reg or riscv,num-sources is missing or the
 * msi-parent does not name an IMSIC.
 */
int aplic_dt_read(const void *fdt, int node, struct aplic_dt *out);

/* What the hardware halves read (aplic.c, imsic.c), for the summaries. */
struct aplic_hw {
	u32 domaincfg; /* AIA spec 4.5.1: IE bit 8, DM (MSI delivery) bit 2 */
};

struct imsic_hw {
	u32 geilen; /* guest external interrupt lines of this hart (hgeie bits that stick) */
};

/** aia_level_name() - "supervisor", "machine" or "unknown". */
const char *aia_level_name(enum aia_level level);

#endif
