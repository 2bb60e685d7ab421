// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hostile guest's riscv64 attacks (VS-mode): every vPLIC register
 * group with foreign sources and contexts, odd widths on it, SBI calls
 * naming foreign harts (HSM, IPI, RFENCE), SBI fuzzing with garbage
 * arguments, the debug console pointed outside the VM, hypervisor and
 * machine CSRs and instructions (privileged spec 8.6.1: virtual
 * instruction exceptions), MMIO the hypervisor cannot decode (AMOs,
 * LR/SC, FP loads, misaligned), the CLINT and the board's power-off
 * device, IPI and timer storms, a hart in WFI with interrupts masked.
 */
#include "guest-arch.h"
#include "hostile.h"
#include "sbi-riscv64.h"

#define CAUSE_INTERRUPT (1ULL << 63)
#define CAUSE_ILLEGAL 2
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7
#define IRQ_SOFT 1
#define IRQ_TIMER 5
#define IRQ_EXTERNAL 9
#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIE_SEIE (1UL << 9)
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_FS_INITIAL (1UL << 13)

#define PLIC_PENDING 0x1000
#define PLIC_ENABLE 0x2000
#define PLIC_CONTEXT 0x200000
#define PLIC_CONTEXT_STRIDE 0x1000
#define PLIC_CLAIM 4
#define STORM 100000
#define FUZZ_CALLS 4000

/* The QEMU virt board's devices that no VM was given (hw/riscv/virt.c memmap). */
const uint64_t arch_host_devices[] = {
    0x00000000, 0x00001000, 0x00100000, 0x00101000, 0x02000000, 0x0200bff8, 0x03000000, 0x04000000,
    0x10001000, 0x10008000, 0x10100000, 0x20000000, 0x30000000, 0x40000000, ~0ULL,
};

void hostile_ecall(uint64_t *regs);
void hostile_trap_entry(void);
void hostile_secondary_entry(void);
void hostile_secondary(void);
uint64_t hostile_trap(uint64_t cause, uint64_t tval, uint64_t epc);

static volatile int v1_up, v1_cmd, v1_cycles, v1_started;
static volatile uint64_t storm_end;
static uint64_t stack1[1024] __attribute__((aligned(16)));

static unsigned int my_id(void)
{
	uint64_t sp;

	__asm__ volatile("mv %0, sp" : "=r"(sp));
	return sp > (uint64_t)(uintptr_t)stack1 && sp <= (uint64_t)(uintptr_t)&stack1[1024];
}

static void timer_irq(void)
{
	if (storm_end && arch_counter() < storm_end)
		sbi_call(SBI_EXT_TIME, 0, 0, 0, 0); /* fires again at once */
	else
		sbi_call(SBI_EXT_TIME, 0, ~0ULL, 0, 0);
}

/* Claim and complete through the vCPU's own PLIC context (one per vCPU). */
static void external_irq(unsigned int id)
{
	uint64_t claim = hinfo->intc_reg[0] + PLIC_CONTEXT + id * PLIC_CONTEXT_STRIDE + PLIC_CLAIM;
	uint32_t src;

	while ((src = mmio_read32(claim))) {
		if (hirq_hook)
			hirq_hook(src);
		mmio_write32(claim, src);
	}
}

uint64_t hostile_trap(uint64_t cause, uint64_t tval, uint64_t epc)
{
	uint64_t resume = hresume;
	unsigned int id = my_id();
	uint16_t insn;

	if (cause & CAUSE_INTERRUPT) {
		hirqs[id]++;
		hirq_last[id] = cause & ~CAUSE_INTERRUPT;
		if (hirq_last[id] == IRQ_EXTERNAL) {
			external_irq(id);
			return epc;
		}
		if (hirq_hook)
			hirq_hook(hirq_last[id]);
		if (hirq_last[id] == IRQ_SOFT)
			__asm__ volatile("csrc sip, %0" : : "r"(SIE_SSIE));
		else if (hirq_last[id] == IRQ_TIMER)
			timer_irq();
		else
			hunexpected++;
		return epc;
	}
	hfault.cause = cause;
	hfault.addr = tval;
	hfault.pc = epc;
	hfault.count++;
	if (resume) {
		hresume = 0;
		return resume;
	}
	insn = *(volatile uint16_t *)(uintptr_t)epc;
	return epc + ((insn & 3) == 3 ? 4 : 2);
}

void hostile_secondary(void)
{
	if (v1_cycles) { /* sbi_hsm_onoff_storm: stop again at once */
		v1_cycles--;
		v1_started++;
		sbi_call(SBI_EXT_HSM, 1, 0, 0, 0);
	}
	__asm__ volatile("csrs sie, %0" : : "r"(SIE_SSIE));
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
	v1_up = 1;
	while (!v1_cmd)
		__asm__ volatile("wfi");
	if (v1_cmd == 2) { /* sbi_hsm_onoff_storm begins */
		__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
		v1_cmd = 0;
		v1_up = 0;
		sbi_call(SBI_EXT_HSM, 1, 0, 0, 0);
	}
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	__asm__ volatile("csrw sie, zero");
	v1_up = 2;
	for (;;)
		__asm__ volatile("wfi");
}

void arch_hostile_init(void)
{
	unsigned int i;

	v1_up = v1_cmd = v1_cycles = 0;
	storm_end = 0;
	hirq_hook = 0;
	__asm__ volatile("csrw stvec, %0" : : "r"((uint64_t)(uintptr_t)hostile_trap_entry));
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_FS_INITIAL));
	if (hinfo->cpus > 1)
		sbi_call(SBI_EXT_HSM, 0, 1, (uint64_t)(uintptr_t)hostile_secondary_entry,
			 (uint64_t)(uintptr_t)&stack1[1024]);
	for (i = 0; i < 100000000 && !v1_up; i++)
		;
}

void arch_victim_init(void)
{
	v1_up = v1_cmd = v1_cycles = 0;
	storm_end = 0;
	hirqs[0] = 0;
	hirq_hook = 0;
	__asm__ volatile("csrw stvec, %0" : : "r"((uint64_t)(uintptr_t)hostile_trap_entry));
	__asm__ volatile("csrs sie, %0" : : "r"(SIE_STIE));
}

/* Sleep until the SBI timer's interrupt at @deadline has been taken (timer_irq() pushes it away).
 */
void arch_victim_wait(uint64_t deadline)
{
	uint64_t before = hirqs[0];

	arch_timer_at(deadline);
	while (hirqs[0] == before || arch_counter() < deadline)
		arch_sleep();
}

void arch_timer_at(uint64_t deadline)
{
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0);
}

/*
 * WFI wakes on a pending enabled interrupt even with sstatus.SIE clear
 * (privileged spec 3.3.3); it is then taken in the short window with SIE set.
 */
void arch_sleep(void)
{
	__asm__ volatile("wfi\n\tcsrs sstatus, %0\n\tcsrc sstatus, %0"
			 :
			 : "r"(SSTATUS_SIE)
			 : "memory");
}

/* Source @irq at priority 1 for vCPU 0's context, threshold 0 (PLIC spec 1.0.0). */
void arch_irq_line_enable(uint32_t irq)
{
	uint64_t plic = hinfo->intc_reg[0], enable = plic + PLIC_ENABLE + irq / 32 * 4;

	mmio_write32(plic + 4 * irq, 1);
	mmio_write32(enable, mmio_read32(enable) | 1U << irq % 32);
	mmio_write32(plic + PLIC_CONTEXT, 0);
	__asm__ volatile("csrs sie, %0" : : "r"(SIE_SEIE));
}

void arch_hostile_exec(uint64_t addr)
{
	__asm__ volatile("lla t0, 1f\n\t"
			 "sd t0, 0(%1)\n\t"
			 "jalr ra, 0(%0)\n"
			 "1:"
			 :
			 : "r"(addr), "r"(&hresume)
			 : "t0", "ra", "memory");
}

void arch_hostile_park(void)
{
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	__asm__ volatile("csrw sie, zero");
	for (;;)
		__asm__ volatile("wfi");
}

/*
 * The single instructions the attacks run, a0 = the address or value.
 * A switch, not a table of function pointers: the image runs wherever it
 * is loaded and nothing relocates absolute addresses in its data.
 */
#define INSNS(X)                                                                    \
	/* Hypervisor and VS CSRs (virtual instruction), machine CSRs (illegal). */ \
	X(RD_HSTATUS, "csrr a5, 0x600")                                             \
	X(WR_HSTATUS, "csrw 0x600, a0")                                             \
	X(WR_HEDELEG, "csrw 0x602, a0")                                             \
	X(WR_HIDELEG, "csrw 0x603, a0")                                             \
	X(RD_HIP, "csrr a5, 0x644")                                                 \
	X(WR_HVIP, "csrw 0x645, a0")                                                \
	X(RD_HTVAL, "csrr a5, 0x643")                                               \
	X(RD_HTINST, "csrr a5, 0x64a")                                              \
	X(RD_HGATP, "csrr a5, 0x680")                                               \
	X(WR_HGATP, "csrw 0x680, zero")                                             \
	X(WR_HENVCFG, "csrw 0x60a, a0")                                             \
	X(WR_HCOUNTEREN, "csrw 0x606, a0")                                          \
	X(RD_VSSTATUS, "csrr a5, 0x200")                                            \
	X(WR_VSATP, "csrw 0x280, a0")                                               \
	X(RD_MSTATUS, "csrr a5, 0x300")                                             \
	X(WR_MSTATUS, "csrw 0x300, a0")                                             \
	X(RD_MISA, "csrr a5, 0x301")                                                \
	X(WR_MEDELEG, "csrw 0x302, a0")                                             \
	X(WR_MTVEC, "csrw 0x305, a0")                                               \
	X(RD_MHARTID, "csrr a5, 0xf14")                                             \
	X(WR_PMPCFG0, "csrw 0x3a0, a0")                                             \
	X(WR_PMPADDR0, "csrw 0x3b0, a0")                                            \
	X(RD_MCYCLE, "csrr a5, 0xb00")                                              \
	X(WR_MIP, "csrw 0x344, a0")                                                 \
	/* Hypervisor instructions (H extension) and MRET, as raw encodings. */     \
	X(HFENCE_VVMA, ".word 0x22000073")                                          \
	X(HFENCE_GVMA, ".word 0x62000073")                                          \
	X(HLV_W, ".word 0x680547f3")                                                \
	X(HLV_D, ".word 0x6c0547f3")                                                \
	X(HLVX_HU, ".word 0x643547f3")                                              \
	X(HSV_W, ".word 0x6a054073")                                                \
	X(MRET, ".word 0x30200073")                                                 \
	/* MMIO the hypervisor cannot emulate: AMOs, LR/SC, FP (rs1 = a0). */       \
	X(AMOSWAP_W, "amoswap.w a5, a5, (a0)")                                      \
	X(AMOADD_D, "amoadd.d a5, a5, (a0)")                                        \
	X(LR_W, "lr.w a5, (a0)")                                                    \
	X(SC_W, "sc.w a5, a5, (a0)")                                                \
	X(FLW, ".word 0x00052007")                                                  \
	X(FSW, ".word 0x00052027")                                                  \
	X(FLD, ".word 0x00053007")                                                  \
	X(FSD, ".word 0x00053027")                                                  \
	/* Widths the PLIC does not have, and misaligned accesses. */               \
	X(LB, "lb a5, 0(a0)")                                                       \
	X(LH, "lh a5, 0(a0)")                                                       \
	X(LD, "ld a5, 0(a0)")                                                       \
	X(SB, "sb a5, 0(a0)")                                                       \
	X(SH, "sh a5, 0(a0)")                                                       \
	X(SD, "sd a5, 0(a0)")                                                       \
	X(LW_OFF1, "lw a5, 1(a0)")                                                  \
	X(SW_OFF2, "sw a5, 2(a0)")                                                  \
	X(LH_OFF1, "lh a5, 1(a0)")                                                  \
	X(WR_STIMECMP, "csrw 0x14d, a0")

#define INSN_ENUM(name, text) I_##name,
#define INSN_CASE(name, text)                                                               \
	case I_##name:                                                                      \
		__asm__ volatile(".option push\n\t.option norvc\n\t" text "\n\t.option pop" \
				 : "+r"(a0)                                                 \
				 :                                                          \
				 : "a5", "memory");                                         \
		break;

enum insn { INSNS(INSN_ENUM) };

static void run_insn(enum insn which, uint64_t a)
{
	register uint64_t a0 __asm__("a0") = a;

	switch (which) {
		INSNS(INSN_CASE)
	}
}

/* One instruction (a0 = @a); its fault's cause, or -1 when it did not fault. */
static int try_insn(enum insn which, uint64_t a)
{
	uint64_t before = hfault.count;

	run_insn(which, a);
	return hfault.count != before ? (int)hfault.cause : -1;
}

static void expect_cause(const char *name, const enum insn *fn, unsigned int n, uint64_t a,
			 int cause, const char *what)
{
	unsigned int i, ok = 0;

	for (i = 0; i < n; i++)
		ok += try_insn(fn[i], a) == cause;
	report(name, ok == n, "%u of %u %s raised cause %u in the guest", (uint64_t)ok, (uint64_t)n,
	       what, (uint64_t)cause);
}

static void attack_csrs(void)
{
	static const enum insn hcsr[] = {I_RD_HSTATUS,	I_WR_HSTATUS, I_WR_HEDELEG, I_WR_HIDELEG,
					 I_RD_HIP,	I_WR_HVIP,    I_RD_HTVAL,   I_RD_HTINST,
					 I_RD_HGATP,	I_WR_HGATP,   I_WR_HENVCFG, I_WR_HCOUNTEREN,
					 I_RD_VSSTATUS, I_WR_VSATP};
	static const enum insn mcsr[] = {I_RD_MSTATUS, I_WR_MSTATUS, I_RD_MISA,	   I_WR_MEDELEG,
					 I_WR_MTVEC,   I_RD_MHARTID, I_WR_PMPCFG0, I_WR_PMPADDR0,
					 I_RD_MCYCLE,  I_WR_MIP};
	static const enum insn hinsn[] = {I_HFENCE_VVMA, I_HFENCE_GVMA, I_HLV_W, I_HLV_D,
					  I_HLVX_HU,	 I_HSV_W,	I_MRET};
	uint64_t ram = hinfo->ram_base;

	expect_cause("csr_hypervisor", hcsr, sizeof(hcsr) / sizeof(hcsr[0]), ~0ULL, CAUSE_ILLEGAL,
		     "accesses to hypervisor and VS CSRs");
	expect_cause("csr_machine", mcsr, sizeof(mcsr) / sizeof(mcsr[0]), ~0ULL, CAUSE_ILLEGAL,
		     "accesses to machine CSRs");
	expect_cause("hyp_only_insns", hinsn, sizeof(hinsn) / sizeof(hinsn[0]), ram, CAUSE_ILLEGAL,
		     "HFENCE/HLV/HSV/MRET instructions");
}

/* AMOs, LR/SC and FP on the UART: the hypervisor must refuse each. */
static void attack_mmio_undecodable(void)
{
	static const enum insn amo[] = {I_AMOSWAP_W, I_AMOADD_D, I_LR_W};
	static const enum insn fp[] = {I_FLW, I_FSW, I_FLD, I_FSD};
	uint64_t u = hinfo->uart;
	unsigned int i, ok = 0, n = 0;
	int c;

	for (i = 0; i < 3; i++, n++) {
		c = try_insn(amo[i], u);
		ok += c == CAUSE_LOAD_ACCESS || c == CAUSE_STORE_ACCESS;
	}
	/* SC without a reservation may fail without accessing memory (QEMU does). */
	c = try_insn(I_SC_W, u);
	report("mmio_amo_lr_sc", ok == n,
	       "%u of %u AMOSWAP/AMOADD/LR on the UART got an access fault; SC: %i", (uint64_t)ok,
	       (uint64_t)n, (int64_t)c);
	ok = n = 0;
	for (i = 0; i < 4; i++, n++) {
		c = try_insn(fp[i], u);
		ok += c == CAUSE_LOAD_ACCESS || c == CAUSE_STORE_ACCESS;
	}
	report("mmio_fp", ok == n,
	       "%u of %u FLW/FSW/FLD/FSD on the UART got an access fault (last %i)", (uint64_t)ok,
	       (uint64_t)n, (int64_t)c);
}

static void attack_mmio_misaligned(void)
{
	uint64_t u = hinfo->uart, p = hinfo->intc_reg[0];
	int c1 = try_insn(I_LW_OFF1, u), c2 = try_insn(I_SW_OFF2, p), c3 = try_insn(I_LH_OFF1, u);

	report("mmio_misaligned", 1,
	       "misaligned LW/SW/LH on the UART and PLIC: causes %i %i %i (-1: emulated)",
	       (int64_t)c1, (int64_t)c2, (int64_t)c3);
}

static void attack_plic_widths(void)
{
	static const enum insn w[] = {I_LB, I_LH, I_LD, I_SB, I_SH, I_SD};
	static const uint64_t off[] = {0x4, PLIC_PENDING, PLIC_ENABLE, PLIC_CONTEXT};
	unsigned int i, j, ok = 0, n = 0;
	int c;

	for (j = 0; j < 4; j++)
		for (i = 0; i < 6; i++, n++) {
			c = try_insn(w[i], hinfo->intc_reg[0] + off[j]);
			ok += c == CAUSE_LOAD_ACCESS || c == CAUSE_STORE_ACCESS;
		}
	report("plic_widths", ok == n,
	       "%u of %u byte/half/double accesses to PLIC registers got an access fault",
	       (uint64_t)ok, (uint64_t)n);
}

static uint64_t plic(uint64_t off)
{
	return hinfo->intc_reg[0] + off;
}

static unsigned int popcount(uint32_t v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static unsigned int nr_contexts(void)
{
	return (unsigned int)((hinfo->intc_reg[1] - PLIC_CONTEXT) / 0x1000);
}

static void attack_plic_priority(void)
{
	unsigned int s, stuck = 0;

	for (s = 1; s < 1024; s++)
		mmio_write32(plic(4 * s), ~0U);
	for (s = 1; s < 1024; s++)
		stuck += mmio_read32(plic(4 * s)) != 0;
	for (s = 1; s < 1024; s++)
		mmio_write32(plic(4 * s), 0);
	report("plic_priority", stuck <= 1,
	       "all ones to the priority of sources 1-1023: %u kept it (ours: the UART's)",
	       (uint64_t)stuck);
}

static void attack_plic_pending(void)
{
	unsigned int w, stuck = 0;

	for (w = 0; w < 32; w++)
		mmio_write32(plic(PLIC_PENDING + 4 * w), ~0U);
	for (w = 0; w < 32; w++)
		stuck += popcount(mmio_read32(plic(PLIC_PENDING + 4 * w)));
	report("plic_pending", stuck <= 1,
	       "all ones to the pending bits of sources 0-1023: %u pending after", (uint64_t)stuck);
}

/* Enables of our contexts keep only our source; other contexts read zero. */
static void attack_plic_enable(void)
{
	unsigned int ctx, w, own = 0, foreign = 0;
	static const unsigned int far[] = {100, 1000, 15871};

	for (ctx = 0; ctx < 64 + 3; ctx++) {
		unsigned int c = ctx < 64 ? ctx : far[ctx - 64];

		for (w = 0; w < 32; w++)
			mmio_write32(plic(PLIC_ENABLE + c * 0x80 + 4 * w), ~0U);
		for (w = 0; w < 32; w++) {
			unsigned int bits =
			    popcount(mmio_read32(plic(PLIC_ENABLE + c * 0x80 + 4 * w)));

			if (c < hinfo->cpus)
				own += bits;
			else
				foreign += bits;
			mmio_write32(plic(PLIC_ENABLE + c * 0x80 + 4 * w), 0);
		}
	}
	report("plic_enable", own <= hinfo->cpus && !foreign,
	       "all ones to the enables of 67 contexts: %u bits kept in our %u, %u in foreign ones",
	       (uint64_t)own, (uint64_t)hinfo->cpus, (uint64_t)foreign);
}

/* Thresholds, claims and completions of every context the region has. */
static void attack_plic_context(void)
{
	unsigned int ctx, n = nr_contexts() < 64 ? nr_contexts() : 64, foreign = 0, claims = 0, i;

	for (ctx = 0; ctx < n; ctx++) {
		mmio_write32(plic(PLIC_CONTEXT + ctx * 0x1000), ~0U);
		foreign +=
		    ctx >= hinfo->cpus && mmio_read32(plic(PLIC_CONTEXT + ctx * 0x1000)) != 0;
		claims += mmio_read32(plic(PLIC_CONTEXT + ctx * 0x1000 + 4)) != 0;
		for (i = 0; i < 64; i++)
			mmio_write32(plic(PLIC_CONTEXT + ctx * 0x1000 + 4), (uint32_t)hrand());
		mmio_write32(plic(PLIC_CONTEXT + ctx * 0x1000), 0);
	}
	report("plic_context", !foreign && !claims,
	       "threshold, claim, 64 random completions on %u contexts: %u foreign kept, %u claims",
	       (uint64_t)n, (uint64_t)foreign, (uint64_t)claims);
}

/*
 * All ones to every word of the priorities, pending bits, the enables of
 * contexts 0-3 and the first 8 contexts, every 64th word beyond: then
 * everything of ours put back.
 */
static void attack_plic_every_offset(void)
{
	uint64_t size = hinfo->intc_reg[1], off, n = 0, before = hfault.count, foreign = 0;
	unsigned int ctx;

	for (off = 0; off < size;
	     off += off < 0x2200 || (off >= PLIC_CONTEXT && off < PLIC_CONTEXT + 0x8000) ? 4 : 256,
	    n++)
		mmio_write32(plic(off), ~0U);
	for (off = 4; off < 0x1000; off += 4)
		mmio_write32(plic(off), 0);
	for (ctx = 0; ctx < hinfo->cpus; ctx++) {
		for (off = 0; off < 0x80; off += 4)
			mmio_write32(plic(PLIC_ENABLE + ctx * 0x80 + off), 0);
		mmio_write32(plic(PLIC_CONTEXT + ctx * 0x1000), 0);
	}
	for (ctx = hinfo->cpus; ctx < 8; ctx++)
		for (off = 0; off < 0x80; off += 4)
			foreign += mmio_read32(plic(PLIC_ENABLE + ctx * 0x80 + off)) != 0 ||
				   mmio_read32(plic(PLIC_CONTEXT + ctx * 0x1000)) != 0;
	report("plic_every_offset", !foreign,
	       "all ones to %u PLIC words (%u faulted), ours put back, %u foreign words kept", n,
	       hfault.count - before, foreign);
}

/* HSM naming harts the VM does not have. */
static void attack_hsm_foreign(void)
{
	static const uint64_t hart[] = {2, 3, 4, 63, 64, 1000, 0x80000000ULL, ~0ULL};
	unsigned int i, n = sizeof(hart) / sizeof(hart[0]), bad = 0;
	struct sbiret own;

	for (i = 0; i < n; i++) {
		bad += sbi_call(SBI_EXT_HSM, 0, hart[i], hinfo->ram_base, 0).error !=
		       SBI_ERR_INVALID_PARAM;
		bad += sbi_call(SBI_EXT_HSM, 2, hart[i], 0, 0).error != SBI_ERR_INVALID_PARAM;
	}
	own = sbi_call(SBI_EXT_HSM, 0, 1, 0xdead0000, 0);
	report("sbi_hsm_foreign", !bad && own.error == SBI_ERR_ALREADY_AVAILABLE,
	       "HART_START/GET_STATUS of %u foreign harts: %u not refused; HART_START hart 1: %i",
	       (uint64_t)n, (uint64_t)bad, own.error);
}

/* Hart masks reaching outside the VM (never a wrapping base: issue 15). */
static const uint64_t foreign_mask[][2] = {
    {1ULL << 2, 0}, {1, 2}, {1, 63}, {1, 1000}, {~0ULL, 0}, {1ULL << 63, 0}, {6, 0}, {3, 1},
};

static void attack_ipi_foreign(void)
{
	unsigned int i, n = sizeof(foreign_mask) / sizeof(foreign_mask[0]), bad = 0;
	uint64_t before = hirqs[1];

	for (i = 0; i < n; i++)
		bad += sbi_call(SBI_EXT_IPI, 0, foreign_mask[i][0], foreign_mask[i][1], 0).error !=
		       SBI_ERR_INVALID_PARAM;
	report("sbi_ipi_foreign", !bad && hirqs[1] == before,
	       "%u hart masks naming foreign harts: %u not refused, hart 1 took %u IPIs",
	       (uint64_t)n, (uint64_t)bad, hirqs[1] - before);
}

static void attack_rfence_foreign(void)
{
	unsigned int i, f, n = sizeof(foreign_mask) / sizeof(foreign_mask[0]), bad = 0;

	/* 0-2: FENCE.I and SFENCE.VMA; 3-6: HFENCE, which a guest without H lacks. */
	for (f = 0; f <= 6; f++)
		for (i = 0; i < n; i++) {
			int64_t e =
			    sbi_call(SBI_EXT_RFENCE, f, foreign_mask[i][0], foreign_mask[i][1], 0)
				.error;

			bad += e != SBI_ERR_INVALID_PARAM && (f < 3 || e != SBI_ERR_NOT_SUPPORTED);
		}
	bad += sbi_call(SBI_EXT_RFENCE, 7, 1, 0, 0).error != SBI_ERR_NOT_SUPPORTED;
	report("sbi_rfence_foreign", !bad,
	       "7 remote fences x %u foreign hart masks, 1 unknown: %u accepted", (uint64_t)n,
	       (uint64_t)bad);
}

static void wait_ticks(uint64_t ticks)
{
	uint64_t end = arch_counter() + ticks;

	while (arch_counter() < end)
		;
}

/*
 * Hart 1 stopped and started again ONOFF_CYCLES times as fast as it goes:
 * HART_STOP from itself, HART_START from hart 0 once it reads STOPPED.
 */
#define ONOFF_CYCLES 300
#define SBI_HSM_STOPPED 1

static int wait_stopped(void)
{
	unsigned int i;

	for (i = 0; i < 100000; i++)
		if (sbi_call(SBI_EXT_HSM, 2, 1, 0, 0).value == SBI_HSM_STOPPED)
			return 1;
	return 0;
}

static void attack_hsm_onoff(void)
{
	unsigned int i, bad = 0, stuck = 0;

	v1_started = 0;
	v1_cycles = ONOFF_CYCLES;
	v1_cmd = 2;
	sbi_call(SBI_EXT_IPI, 0, 2, 0, 0);
	for (i = 0; i <= ONOFF_CYCLES && !stuck; i++) {
		stuck += !wait_stopped();
		bad += sbi_call(SBI_EXT_HSM, 0, 1, (uint64_t)(uintptr_t)hostile_secondary_entry,
				(uint64_t)(uintptr_t)&stack1[1024])
			   .error != 0;
	}
	for (i = 0; i < 100000000 && v1_up != 1; i++)
		;
	report(
	    "sbi_hsm_onoff_storm", !bad && !stuck && v1_started == ONOFF_CYCLES && v1_up == 1,
	    "hart 1 stopped and started %u times: %u starts refused, %u never stopped, back up: %u",
	    (uint64_t)v1_started, (uint64_t)bad, (uint64_t)stuck, (uint64_t)(v1_up == 1));
}

static void attack_ipi_storm(void)
{
	uint64_t before = hirqs[1];
	unsigned int i, bad = 0;

	for (i = 0; i < STORM; i++)
		bad += sbi_call(SBI_EXT_IPI, 0, 2, 0, 0).error != 0;
	wait_ticks(hinfo->timebase / 10);
	report("sbi_ipi_storm", !bad && hirqs[1] > before,
	       "%u IPIs sent to hart 1 (%u refused), it took %u", (uint64_t)STORM, (uint64_t)bad,
	       hirqs[1] - before);
}

/* A random extension and function that does not stop or reset us. */
static void fuzz_pick(uint64_t *eid, uint64_t *fid)
{
	static const uint64_t eids[] = {SBI_EXT_BASE,
					SBI_EXT_TIME,
					SBI_EXT_IPI,
					SBI_EXT_RFENCE,
					SBI_EXT_HSM,
					0,
					2,
					3,
					4,
					5,
					6,
					7};

	for (;;) {
		unsigned int k = hrand() % 16;

		*eid = k < 12 ? eids[k] : hrand() >> (hrand() % 64);
		*fid = hrand() & 1 ? hrand() % 8 : hrand();
		if (*eid == SBI_EXT_SRST || *eid == SBI_EXT_DBCN || *eid == 1 || *eid == 8)
			continue;
		if (*eid == SBI_EXT_HSM && *fid == 1)
			continue; /* HART_STOP would stop us */
		return;
	}
}

/* Garbage in a0-a5: a2-a7 come back unchanged (nothing of the hypervisor leaks). */
static void attack_sbi_fuzz(void)
{
	uint64_t r[8], in[8];
	unsigned int i, j, leaks = 0, odd = 0;

	for (i = 0; i < FUZZ_CALLS; i++) {
		for (j = 0; j < 6; j++)
			in[j] = hrand();
		fuzz_pick(&in[7], &in[6]);
		if (in[7] == SBI_EXT_HSM)
			in[0] = 1 + (hrand() & 1) * (hrand() % 100); /* our running hart or none */
		for (j = 0; j < 8; j++)
			r[j] = in[j];
		hostile_ecall(r);
		for (j = 2; j < 8; j++)
			leaks += r[j] != in[j];
		odd += (int64_t)r[0] < -13;
	}
	sbi_call(SBI_EXT_TIME, 0, ~0ULL, 0, 0);
	report(
	    "sbi_fuzz", !leaks,
	    "%u random SBI calls with garbage arguments: %u of a2-a7 changed, %u errors below -13",
	    (uint64_t)FUZZ_CALLS, (uint64_t)leaks, (uint64_t)odd);
}

/* The debug console pointed outside our RAM: refused, nothing printed. */
static void attack_dbcn_outside(void)
{
	uint64_t end = hinfo->ram_base + hinfo->ram_size;
	const uint64_t gpa[][3] = {
	    {16, end, 0},
	    {16, 1ULL << 50, 0},
	    {100, end - 4, 0},
	    {16, ~0ULL - 7, 0},
	    {16, hinfo->ram_base, 1},
	    {16, 0x02000000, 0},
	    {16, hinfo->ram_base - 16, 0},
	};
	unsigned int i, n = sizeof(gpa) / sizeof(gpa[0]), bad = 0;

	for (i = 0; i < n; i++)
		bad += sbi_call(SBI_EXT_DBCN, 0, gpa[i][0], gpa[i][1], gpa[i][2]).error !=
		       SBI_ERR_INVALID_PARAM;
	report("sbi_dbcn_outside", !bad,
	       "%u debug console writes from outside our RAM: %u not refused", (uint64_t)n,
	       (uint64_t)bad);
}

/* Console flood through SBI: DBCN writes and bytes, legacy putchar. */
static void attack_sbi_console_flood(void)
{
	static char line[200];
	unsigned int i, bad = 0;

	for (i = 0; i < sizeof(line) - 1; i++)
		line[i] = (char)('A' + i % 26);
	line[sizeof(line) - 1] = '\n';
	for (i = 0; i < 500; i++)
		bad +=
		    sbi_call(SBI_EXT_DBCN, 0, sizeof(line), (uint64_t)(uintptr_t)line, 0).value !=
		    (int64_t)sizeof(line);
	for (i = 0; i < 3000; i++) {
		sbi_call(SBI_EXT_DBCN, 2, 'a' + i % 26, 0, 0);
		sbi_call(1, 0, 'A' + i % 26, 0, 0);
	}
	sbi_call(SBI_EXT_DBCN, 2, '\n', 0, 0);
	report("sbi_console_flood", !bad,
	       "500 DBCN writes of 200 bytes, 6000 bytes by DBCN and legacy putchar");
}

/* The CLINT (M-mode IPIs and timers of every hart) and the power-off device. */
static void attack_clint_poweroff(void)
{
	unsigned int h, n = 0, ok = 0;

	for (h = 0; h < 8; h++) {
		n += 3;
		ok += probe_store(0x02000000 + 4 * h, 1); /* MSIP */
		ok += probe_store(0x02004000 + 8 * h, 0); /* MTIMECMP */
		ok += probe_load(0x02004000 + 8 * h);
	}
	n++;
	ok += probe_load(0x0200bff8); /* MTIME */
	report("clint_foreign_harts", ok == n,
	       "%u of %u CLINT MSIP/MTIMECMP/MTIME accesses faulted", (uint64_t)ok, (uint64_t)n);
	n = 3;
	ok = probe_store(0x100000, 0x5555) + probe_store(0x100000, 0x7777) +
	     probe_store(0x100000, 0x3333);
	report("board_poweroff", ok == n,
	       "%u of %u writes of pass/reset/fail to the board's test device faulted",
	       (uint64_t)ok, (uint64_t)n);
}

static void attack_fence_storm(void)
{
	uint64_t before = hfault.count;
	unsigned int i;

	for (i = 0; i < 20000; i++)
		__asm__ volatile("sfence.vma\n\tfence.i\n\tfence rw, rw\n\tsfence.vma %0"
				 :
				 : "r"(hrand())
				 : "memory");
	report("fence_storm", hfault.count == before,
	       "20000 rounds of SFENCE.VMA and FENCE.I, %u faults", hfault.count - before);
}

/* The SBI timer always due for half a second: each interrupt re-arms it at 0. */
static void attack_timer_storm(void)
{
	uint64_t before = hirqs[0];

	storm_end = arch_counter() + hinfo->timebase / 2;
	sbi_call(SBI_EXT_TIME, 0, 0, 0, 0);
	__asm__ volatile("csrs sie, %0" : : "r"(SIE_STIE));
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
	while (arch_counter() < storm_end)
		;
	wait_ticks(hinfo->timebase / 20);
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	__asm__ volatile("csrc sie, %0" : : "r"(SIE_STIE));
	storm_end = 0;
	sbi_call(SBI_EXT_TIME, 0, ~0ULL, 0, 0);
	report("timer_storm", hirqs[0] > before,
	       "SBI timer at 0 for 0.5 s, re-armed at each interrupt: %u interrupts taken",
	       hirqs[0] - before);
}

static void attack_timer_garbage(void)
{
	unsigned int i, faults = 0;

	for (i = 0; i < 20000; i++)
		sbi_call(SBI_EXT_TIME, 0, hrand(), 0, 0);
	for (i = 0; i < 1000; i++)
		faults += try_insn(I_WR_STIMECMP, hrand()) >= 0;
	try_insn(I_WR_STIMECMP, ~0ULL);
	sbi_call(SBI_EXT_TIME, 0, ~0ULL, 0, 0);
	report("timer_garbage", 1,
	       "20000 random SBI set_timer, 1000 random stimecmp writes (%u faulted)",
	       (uint64_t)faults);
}

static void attack_wfi_masked(void)
{
	unsigned int i;
	struct sbiret st;

	v1_cmd = 1;
	sbi_call(SBI_EXT_IPI, 0, 2, 0, 0); /* wakes it from its WFI */
	for (i = 0; i < 100000000 && v1_up != 2; i++)
		;
	sbi_call(SBI_EXT_IPI, 0, 2, 0, 0);
	wait_ticks(hinfo->timebase / 10);
	st = sbi_call(SBI_EXT_HSM, 2, 1, 0, 0);
	report("wfi_masked_forever", v1_up == 2 && st.error == 0 && st.value == 0,
	       "hart 1 sleeps in WFI with interrupts masked (HSM status %i), hart 0 goes on",
	       st.value);
}

void arch_hostile_attacks(void)
{
	attack_mmio_undecodable();
	attack_mmio_misaligned();
	attack_plic_widths();
	attack_plic_priority();
	attack_plic_pending();
	attack_plic_enable();
	attack_plic_context();
	attack_plic_every_offset();
	attack_csrs();
	attack_clint_poweroff();
	attack_hsm_foreign();
	attack_ipi_foreign();
	attack_rfence_foreign();
	attack_hsm_onoff();
	attack_ipi_storm();
	attack_sbi_fuzz();
	attack_dbcn_outside();
	attack_sbi_console_flood();
	attack_fence_storm();
	attack_timer_storm();
	attack_timer_garbage();
	attack_wfi_masked();
}
