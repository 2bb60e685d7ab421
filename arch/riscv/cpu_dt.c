// SPDX-License-Identifier: GPL-2.0-only
/*
 * riscv CPU nodes (Linux binding riscv/cpus.yaml). A hart is usable only
 * with the H extension, named either in riscv,isa ("rv64imafdch_...") or
 * in riscv,isa-extensions. Pure device-tree code, also built into the host
 * tools.
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>

/* Is single-letter extension @ext among the letters after "rv64"? */
static bool isa_has_letter(const char *isa, char ext)
{
	const char *p;

	if (strncmp(isa, "rv64", 4) && strncmp(isa, "rv32", 4))
		return false;
	for (p = isa + 4; *p && *p != '_'; p++)
		if (*p == ext)
			return true;
	return false;
}

/* Is multi-letter extension @ext (e.g. "sstc") among the '_' parts? */
static bool isa_has_word(const char *isa, const char *ext)
{
	size_t n = strlen(ext);
	const char *p = strchr(isa, '_');

	for (; p; p = strchr(p + 1, '_'))
		if (!strncmp(p + 1, ext, n) && (p[1 + n] == '_' || p[1 + n] == '\0'))
			return true;
	return false;
}

static bool has_extension(const void *fdt, int node, const char *ext)
{
	const char *isa = dt_read_string(fdt, node, "riscv,isa");
	int len;
	const char *list = fdt_getprop(fdt, node, "riscv,isa-extensions", &len);

	if (list && fdt_stringlist_search(fdt, node, "riscv,isa-extensions", ext) >= 0)
		return true;
	if (!isa)
		return false;
	return ext[1] ? isa_has_word(isa, ext) : isa_has_letter(isa, ext[0]);
}

int cpu_arch_parse_node(const void *fdt, int node, struct cpu *cpu)
{
	if (!has_extension(fdt, node, "h"))
		return -ENODEV;
	cpu->arch.has_sstc = has_extension(fdt, node, "sstc");
	return 0;
}

const char *cpu_arch_why_left_out(const void *fdt, int node, int err)
{
	return "no H extension in riscv,isa or riscv,isa-extensions: "
	       "it cannot run a hypervisor";
}

const char *cpu_arch_method(const struct cpu *cpu)
{
	return "sbi-hsm";
}
