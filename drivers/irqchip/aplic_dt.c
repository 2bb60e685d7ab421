// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree half of the APLIC (AIA spec 1.0, chapter 4; Linux
 * binding riscv,aplic.yaml): one node per interrupt domain, reg, the
 * number of wired sources (riscv,num-sources), and either msi-parent (MSI
 * delivery mode: the domain writes messages to that IMSIC's files) or
 * interrupts-extended (direct mode: one entry per hart). A domain with
 * riscv,children delegates sources to them (riscv,delegate): QEMU's virt
 * board has a machine-level root, the firmware's, delegating every source
 * to the supervisor-level domain that the hypervisor owns. Specifiers are
 * two cells, the source (1..riscv,num-sources) and its trigger type.
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/irq.h>
#include "aia_dt.h"

#define APLIC_MAX_SOURCES 1023 /* AIA spec 4.5: sources 1..1023 */
#define APLIC_DOMAINCFG_DM (1U << 2)

const struct dt_device_id aplic_match[] = {
    {"riscv,aplic", NULL},
    {NULL, NULL},
};

/* Source 0 does not exist; the domain's own count is checked when a VM claims one. */
static int aplic_dt_xlate(struct dt_irq *irq)
{
	if (irq->nr_cells != 2 || irq->cell[0] == 0 || irq->cell[0] > APLIC_MAX_SOURCES)
		return -EINVAL;
	irq->hwirq = irq->cell[0];
	irq->type = irq->cell[1] & DT_IRQ_TYPE_MASK;
	return 0;
}

IRQ_XLATE_DECLARE(aplic, aplic_match, aplic_dt_xlate);

static int node_by_phandle_prop(const void *fdt, int node, const char *prop)
{
	u32 phandle;

	if (dt_read_u32(fdt, node, prop, &phandle))
		return -1;
	return fdt_node_offset_by_phandle(fdt, phandle);
}

/* MSI mode: the level of the IMSIC it writes to. */
static int read_msi_parent(const void *fdt, int node, struct aplic_dt *out)
{
	struct imsic_dt im;

	out->msi_parent = node_by_phandle_prop(fdt, node, "msi-parent");
	if (out->msi_parent < 0) {
		out->msi_parent = -1;
		return fdt_getprop(fdt, node, "msi-parent", NULL) ? -EINVAL : 0;
	}
	if (!dt_match_id(fdt, out->msi_parent, imsic_match) ||
	    imsic_dt_read(fdt, out->msi_parent, &im))
		return -EINVAL;
	out->level = im.level;
	return 0;
}

/* Direct mode: the external interrupt its first hart entry names. */
static void read_direct_level(const void *fdt, int node, struct aplic_dt *out)
{
	struct dt_irq irq;

	if (dt_read_irq(fdt, node, 0, &irq))
		return;
	if (irq.hwirq == 9)
		out->level = AIA_LEVEL_SUPERVISOR;
	else if (irq.hwirq == 11)
		out->level = AIA_LEVEL_MACHINE;
}

int aplic_dt_read(const void *fdt, int node, struct aplic_dt *out)
{
	*out = (struct aplic_dt){.msi_parent = -1, .children = -1};
	if (dt_read_reg(fdt, node, 0, &out->base, &out->size) ||
	    dt_read_u32(fdt, node, "riscv,num-sources", &out->sources) || !out->sources ||
	    out->sources > APLIC_MAX_SOURCES || read_msi_parent(fdt, node, out))
		return -EINVAL;
	out->children = node_by_phandle_prop(fdt, node, "riscv,children");
	if (out->msi_parent < 0)
		read_direct_level(fdt, node, out);
	return 0;
}

static int aplic_describe(const void *fdt, int node, const struct dt_device_id *id,
			  const void *hw_data, char *buf, size_t len)
{
	const struct aplic_hw *hw = hw_data;
	char path[96] = "direct delivery", mode[24] = "?";
	struct aplic_dt ap;
	size_t n;

	if (aplic_dt_read(fdt, node, &ap))
		return -EINVAL;
	if (ap.msi_parent >= 0) {
		fmt_snprintf(path, sizeof(path), "MSI delivery to ");
		n = __builtin_strlen(path);
		dt_path(fdt, ap.msi_parent, path + n, (int)(sizeof(path) - n));
	}
	if (hw)
		fmt_snprintf(mode, sizeof(mode), "%s",
			     hw->domaincfg & APLIC_DOMAINCFG_DM ? "MSI" : "direct");
	else if (ap.level == AIA_LEVEL_MACHINE)
		fmt_snprintf(mode, sizeof(mode), "firmware's");
	fmt_snprintf(buf, len, "APLIC (%s) at 0x%llx, %s level, %u sources, %s%s, mode read %s",
		     id->compatible, (unsigned long long)ap.base, aia_level_name(ap.level),
		     ap.sources, path, ap.children >= 0 ? ", delegates to child domains" : "",
		     mode);
	return 0;
}

DRIVER_DT_DECLARE(aplic_dt, "aplic", DEVICE_IRQCHIP, aplic_match, aplic_describe);
