// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree half of the IMSIC (AIA spec 1.0, chapter 3; Linux
 * binding riscv,imsics.yaml): one node per privilege level, reg covering
 * every hart's interrupt files, interrupts-extended naming each hart's
 * local interrupt controller and the external interrupt the files raise
 * (9: supervisor, 11: machine), riscv,guest-index-bits giving the guest
 * interrupt files per hart beside the supervisor one (2^bits - 1).
 * Messages, not interrupt specifiers, reach it: #interrupt-cells is 0.
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/irq.h>
#include "aia_dt.h"

#define CAUSE_SUPERVISOR_EXTERNAL 9
#define CAUSE_MACHINE_EXTERNAL 11
#define IMSIC_MAX_GUEST_INDEX_BITS 6 /* AIA spec 3.6: at most 63 guest files */

const struct dt_device_id imsic_match[] = {
    {"riscv,imsics", NULL},
    {NULL, NULL},
};

const char *aia_level_name(enum aia_level level)
{
	switch (level) {
	case AIA_LEVEL_SUPERVISOR:
		return "supervisor";
	case AIA_LEVEL_MACHINE:
		return "machine";
	default:
		return "unknown";
	}
}

static enum aia_level level_of_cause(u32 cause)
{
	if (cause == CAUSE_SUPERVISOR_EXTERNAL)
		return AIA_LEVEL_SUPERVISOR;
	if (cause == CAUSE_MACHINE_EXTERNAL)
		return AIA_LEVEL_MACHINE;
	return AIA_LEVEL_UNKNOWN;
}

/* Every hart's entry must raise the same external interrupt. */
static int read_harts(const void *fdt, int node, struct imsic_dt *out)
{
	struct dt_irq irq;
	int n = dt_irq_count(fdt, node), i;

	if (n <= 0)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (dt_read_irq(fdt, node, i, &irq))
			return -EINVAL;
		if (i && level_of_cause(irq.hwirq) != out->level)
			return -EINVAL;
		out->level = level_of_cause(irq.hwirq);
	}
	out->harts = (u32)n;
	return 0;
}

int imsic_dt_read(const void *fdt, int node, struct imsic_dt *out)
{
	u32 bits = 0;

	*out = (struct imsic_dt){0};
	if (dt_read_reg(fdt, node, 0, &out->base, &out->size) ||
	    dt_read_u32(fdt, node, "riscv,num-ids", &out->num_ids))
		return -EINVAL;
	if (!dt_read_u32(fdt, node, "riscv,guest-index-bits", &bits) &&
	    bits > IMSIC_MAX_GUEST_INDEX_BITS)
		return -EINVAL;
	out->guest_files = (1U << bits) - 1;
	return read_harts(fdt, node, out);
}

static int imsic_describe(const void *fdt, int node, const struct dt_device_id *id,
			  const void *hw_data, char *buf, size_t len)
{
	const struct imsic_hw *hw = hw_data;
	char geilen[20] = "?";
	struct imsic_dt im;

	if (imsic_dt_read(fdt, node, &im))
		return -EINVAL;
	if (hw)
		fmt_snprintf(geilen, sizeof(geilen), "%u", hw->geilen);
	else if (im.level == AIA_LEVEL_MACHINE)
		fmt_snprintf(geilen, sizeof(geilen), "no (firmware's)");
	fmt_snprintf(buf, len,
		     "IMSIC (%s) at 0x%llx, %s level, %u hart(s), %u identities, "
		     "%u guest file(s) per hart, %s guest interrupt line(s) on this hart",
		     id->compatible, (unsigned long long)im.base, aia_level_name(im.level),
		     im.harts, im.num_ids, im.guest_files, geilen);
	return 0;
}

DRIVER_DT_DECLARE(imsic_dt, "imsic", DEVICE_IRQCHIP, imsic_match, imsic_describe);
