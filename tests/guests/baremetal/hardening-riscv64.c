// SPDX-License-Identifier: GPL-2.0-only
/*
 * riscv64 hardening checks (issue 15, point 4), against the SBI
 * specification v2.0 and the 16550 binding: what the guest sees, one line
 * each.
 */
#include "guest-arch.h"
#include "hardening.h"
#include "sbi-riscv64.h"

#define UART_LSR 5
#define LEGACY_MARKER 0x5a5a1234UL

struct hx_rec {
	uint64_t cause, tval, epc;
};

extern volatile struct hx_rec hx_rec;
int hx_probe(void (*fn)(uint64_t), uint64_t arg);
void hx_lw(uint64_t addr);
void hx_ld(uint64_t addr);
void hx_sw(uint64_t addr);
void hx_lb(uint64_t addr);
uint64_t hx_legacy_a1(unsigned long eid, unsigned long marker);

static char dbcn_buf[16] = "dbcn";

/* The scause of the trap @fn(@addr) raised, or "no trap". */
static void probe_uart(const char *what, void (*fn)(uint64_t), uint64_t addr)
{
	if (hx_probe(fn, addr))
		hx_report("16550", what, hx_rec.cause);
	else
		hx_report("16550", what, 0xff); /* no trap: accepted */
}

/* Registers are bytes here (no reg-io-width): wider accesses must fault. */
static void check_uart(const struct fdt_info *info)
{
	if (info->uart_kind != UART_NS16550 || info->reg_shift) {
		hx_report("16550", "not a byte-spaced 16550", 0);
		return;
	}
	probe_uart("lw rbr scause", hx_lw, info->uart);
	probe_uart("ld rbr scause", hx_ld, info->uart);
	probe_uart("sw mcr scause", hx_sw, info->uart + 4);
	probe_uart("lb lsr scause", hx_lb, info->uart + UART_LSR);
}

/* Legacy calls 3-7 return in a0 only: a1 keeps its value. */
static void check_legacy(void)
{
	unsigned long eid;

	for (eid = 3; eid <= 7; eid++) {
		uint64_t a1 = hx_legacy_a1(eid, LEGACY_MARKER);

		puts_uart("hardening: legacy a1: eid ");
		put_dec(eid);
		puts_uart(a1 == LEGACY_MARKER ? " kept\n" : " clobbered\n");
	}
}

/* hart_mask_base + index beyond 2^64 names no hart (SBI 3.1). */
static void check_hart_mask(void)
{
	hx_report("hart mask wrap", "ipi error",
		  (uint64_t)sbi_call(SBI_EXT_IPI, 0, 1UL << 2, -2UL, 0).error);
	hx_report("hart mask wrap", "rfence error",
		  (uint64_t)sbi_call(SBI_EXT_RFENCE, 0, 1UL << 2, -2UL, 0).error);
}

/* DBCN (SBI 12): buffers are checked, base_addr_hi is the upper XLEN bits. */
static void check_dbcn(void)
{
	uintptr_t buf = (uintptr_t)dbcn_buf;
	struct sbiret r;

	hx_report("dbcn", "write hi=2^32 error",
		  (uint64_t)sbi_call(SBI_EXT_DBCN, 0, 4, buf, 1UL << 32).error);
	hx_report("dbcn", "read hi=1 error", (uint64_t)sbi_call(SBI_EXT_DBCN, 1, 8, buf, 1).error);
	hx_report("dbcn", "read bad pointer error",
		  (uint64_t)sbi_call(SBI_EXT_DBCN, 1, 8, 0x10, 0).error);
	r = sbi_call(SBI_EXT_DBCN, 1, 8, buf, 0);
	hx_report("dbcn", "read good pointer error", (uint64_t)r.error);
	hx_report("dbcn", "read good pointer bytes", (uint64_t)r.value);
}

void hx_checks(const struct fdt_info *info)
{
	check_uart(info);
	check_legacy();
	check_hart_mask();
	check_dbcn();
}

void hx_system_reset(void)
{
	sbi_call(SBI_EXT_SRST, 0, 1, 0, 0); /* cold reboot */
}
