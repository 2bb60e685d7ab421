// SPDX-License-Identifier: GPL-2.0-only
/*
 * A minimal walk of a flattened device tree (devicetree spec v0.4, 5.4
 * structure block), just enough for the test guest; no libfdt so that the
 * guest stays a few kilobytes of self-contained code.
 */
#include "fdt_mini.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_END 9

struct node_state {
	const char *name;
	int depth;
	uint64_t reg[4];
	int has_reg;
	uint64_t cpu_reg; /* a one- or two-cell reg, as /cpus nodes have */
	enum intc_kind intc_kind;
	enum uart_kind uart_kind;
	uint32_t reg_shift;
};

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
	return (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4);
}

/*
 * The root's #address-cells / #size-cells: every node the guest reads is a
 * child of the root. QEMU virt's trees use 2/2, a Raspberry Pi's 2/1.
 */
struct cells {
	uint32_t addr, size;
};

/* One address or size of @n cells (1 or 2). */
static uint64_t read_cells(const uint8_t *p, uint32_t n)
{
	return n == 1 ? be32(p) : be64(p);
}

/* Up to two (address, size) pairs of a reg property into @out[4]; pairs read. */
static int read_reg(const uint8_t *val, uint32_t len, struct cells c, uint64_t *out)
{
	uint32_t entry = (c.addr + c.size) * 4;
	int i;

	if ((c.addr != 1 && c.addr != 2) || (c.size != 1 && c.size != 2))
		return 0;
	for (i = 0; i < 2 && len >= entry * (i + 1); i++) {
		out[2 * i] = read_cells(val + entry * i, c.addr);
		out[2 * i + 1] = read_cells(val + entry * i + c.addr * 4, c.size);
	}
	return i;
}

static int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

/* Does the (NUL-separated) string list @s of @len bytes contain @word? */
static int contains(const char *s, uint32_t len, const char *word)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (starts_with(s + i, word))
			return 1;
	return 0;
}

static uint32_t align4(uint32_t v)
{
	return (v + 3) & ~3U;
}

static uint32_t name_len(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void end_node(struct node_state *n, const char *parent, struct fdt_info *info)
{
	if (n->uart_kind && n->has_reg && !info->uart) {
		info->uart = n->reg[0];
		info->uart_kind = n->uart_kind;
		info->reg_shift = n->reg_shift;
	}
	if (n->intc_kind && n->has_reg && !info->intc_kind) {
		info->intc_kind = n->intc_kind;
		for (int i = 0; i < 4; i++)
			info->intc_reg[i] = n->reg[i];
	}
	if (n->depth == 1 && starts_with(n->name, "memory") && n->has_reg && !info->ram_size) {
		info->ram_base = n->reg[0];
		info->ram_size = n->reg[1];
	}
	if (n->depth == 2 && starts_with(parent, "cpus") && starts_with(n->name, "cpu@")) {
		if (info->cpus < FDT_MINI_MAX_CPUS)
			info->cpu_hwid[info->cpus] = n->cpu_reg;
		info->cpus++;
	}
}

static struct cells root_cells = {2, 2};

/* Root properties come before any child node (spec 5.4.1): read them as they pass. */
static void root_property(struct cells *c, int depth, const char *pname, const uint8_t *val,
			  uint32_t len)
{
	if (depth != 0 || len != 4)
		return;
	if (starts_with(pname, "#address-cells"))
		c->addr = be32(val);
	if (starts_with(pname, "#size-cells"))
		c->size = be32(val);
}

static void property(struct node_state *n, const char *pname, const char *val, uint32_t len,
		     struct fdt_info *info)
{
	root_property(&root_cells, n->depth, pname, (const uint8_t *)val, len);
	if (starts_with(pname, "compatible") && contains(val, len, "arm,pl011"))
		n->uart_kind = UART_PL011;
	if (starts_with(pname, "compatible") && contains(val, len, "ns16550"))
		n->uart_kind = UART_NS16550;
	/* The BCM2835 mini-UART: 16550 registers one per word, no reg-shift property. */
	if (starts_with(pname, "compatible") && contains(val, len, "brcm,bcm2835-aux-uart")) {
		n->uart_kind = UART_NS16550;
		n->reg_shift = 2;
	}
	if (starts_with(pname, "compatible") && contains(val, len, "arm,gic-v3"))
		n->intc_kind = INTC_GICV3;
	if (starts_with(pname, "compatible") &&
	    (contains(val, len, "arm,cortex-a15-gic") || contains(val, len, "arm,gic-400")))
		n->intc_kind = INTC_GICV2;
	if (starts_with(pname, "compatible") &&
	    (contains(val, len, "riscv,plic0") || contains(val, len, "sifive,plic-1.0.0")))
		n->intc_kind = INTC_PLIC;
	if (starts_with(pname, "reg-shift") && len == 4)
		n->reg_shift = be32(val);
	if (n->depth == 1 && starts_with(n->name, "cpus") &&
	    starts_with(pname, "timebase-frequency") && len == 4)
		info->timebase = be32(val);
	if (pname[0] == 'r' && pname[1] == 'e' && pname[2] == 'g' && !pname[3] &&
	    (len == 4 || len == 8))
		n->cpu_reg = len == 4 ? be32(val) : be64(val);
	if (pname[0] == 'r' && pname[1] == 'e' && pname[2] == 'g' && !pname[3])
		n->has_reg = read_reg((const uint8_t *)val, len, root_cells, n->reg) > 0;
	if (starts_with(pname, "bootargs")) {
		info->attack = contains(val, len, "attack");
		info->smp = contains(val, len, "smp");
		info->bench = contains(val, len, "bench");
		info->scrub = contains(val, len, "scrub");
		info->hardening = contains(val, len, "hardening");
		info->victim = contains(val, len, "victim");
		info->crash = contains(val, len, "crash");
		info->race = contains(val, len, "race");
		info->hostile = contains(val, len, "hostile");
		info->shmem = contains(val, len, "shmem");
		info->shmem_echo = contains(val, len, "shmem-echo");
		info->shmem_outsider = contains(val, len, "shmem-outsider");
		info->badrings = contains(val, len, "badrings");
		info->bootargs = val;
		info->bootargs_len = len;
	}
}

void fdt_mini_scan(const void *dtb, struct fdt_info *info)
{
	const uint8_t *base = dtb;
	const uint8_t *p = base + be32(base + 8);
	const char *strings = (const char *)base + be32(base + 12);
	struct node_state stack[8];
	int depth = -1;
	uint32_t tok, len;

	*info = (struct fdt_info){.dtb = dtb};
	root_cells = (struct cells){2, 2};
	while ((tok = be32(p)) != FDT_END) {
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			depth++;
			stack[depth & 7] =
			    (struct node_state){.name = (const char *)p, .depth = depth};
			p += align4(name_len((const char *)p) + 1);
		} else if (tok == FDT_END_NODE) {
			end_node(&stack[depth & 7], depth ? stack[(depth - 1) & 7].name : "", info);
			depth--;
		} else if (tok == FDT_PROP) {
			len = be32(p);
			property(&stack[depth & 7], strings + be32(p + 4), (const char *)p + 8, len,
				 info);
			p += 8 + align4(len);
		}
	}
}

uint64_t fdt_mini_reg(const void *dtb, const char *compatible, unsigned int index)
{
	const uint8_t *base = dtb;
	const uint8_t *p = base + be32(base + 8);
	const char *strings = (const char *)base + be32(base + 12);
	const uint8_t *reg[8] = {0};
	uint32_t reg_len[8] = {0}, tok, len;
	int match[8] = {0}, depth = -1;
	struct cells c = {2, 2};
	uint32_t entry;

	while ((tok = be32(p)) != FDT_END) {
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			depth++;
			match[depth & 7] = 0;
			reg[depth & 7] = 0;
			p += align4(name_len((const char *)p) + 1);
		} else if (tok == FDT_END_NODE) {
			entry = (c.addr + c.size) * 4;
			if (match[depth & 7] && reg[depth & 7] && (c.addr == 1 || c.addr == 2) &&
			    reg_len[depth & 7] >= entry * (index + 1))
				return read_cells(reg[depth & 7] + entry * index, c.addr);
			depth--;
		} else if (tok == FDT_PROP) {
			const char *name = strings + be32(p + 4);

			len = be32(p);
			root_property(&c, depth, name, p + 8, len);
			if (starts_with(name, "compatible") &&
			    contains((const char *)p + 8, len, compatible))
				match[depth & 7] = 1;
			if (name[0] == 'r' && name[1] == 'e' && name[2] == 'g' && !name[3]) {
				reg[depth & 7] = p + 8;
				reg_len[depth & 7] = len;
			}
			p += 8 + align4(len);
		}
	}
	return 0;
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

const void *fdt_mini_prop(const void *dtb, const char *compatible, unsigned int nth,
			  const char *prop, uint32_t *len)
{
	const uint8_t *base = dtb;
	const uint8_t *p = base + be32(base + 8);
	const char *strings = (const char *)base + be32(base + 12);
	const uint8_t *val[8] = {0};
	uint32_t val_len[8] = {0}, tok, n;
	int match[8] = {0}, depth = -1;

	while ((tok = be32(p)) != FDT_END) {
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			depth++;
			match[depth & 7] = 0;
			val[depth & 7] = 0;
			p += align4(name_len((const char *)p) + 1);
		} else if (tok == FDT_END_NODE) {
			if (match[depth & 7] && !nth--) {
				*len = val_len[depth & 7];
				return val[depth & 7];
			}
			depth--;
		} else if (tok == FDT_PROP) {
			const char *name = strings + be32(p + 4);

			n = be32(p);
			if (str_eq(name, "compatible") &&
			    contains((const char *)p + 8, n, compatible))
				match[depth & 7] = 1;
			if (str_eq(name, prop)) {
				val[depth & 7] = p + 8;
				val_len[depth & 7] = n;
			}
			p += 8 + align4(n);
		}
	}
	return 0;
}
