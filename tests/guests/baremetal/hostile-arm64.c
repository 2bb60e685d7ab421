// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hostile guest's AArch64 attacks: MMIO that gives the hypervisor no
 * syndrome (Arm ARM D17.2.40, ISS.ISV = 0: LDP/STP, writeback, SIMD&FP,
 * exclusives), every vGIC register group with foreign INTIDs, foreign
 * redistributor frames, SGI storms and SGIs to CPUs outside the VM,
 * PSCI naming foreign CPUs, HVC/SMC fuzzing, trapped and EL2/EL3-only
 * system registers and instructions, set/way and TLB storms, timer
 * storms, a vCPU in WFI with interrupts masked forever.
 */
#include "guest-arch.h"
#include "hostile.h"
#include "gic-arm64.h"

#define EC(esr) (((esr) >> 26) & 0x3f)
#define EC_UNKNOWN 0x00
#define EC_IABT_CUR 0x21
#define EC_DABT_CUR 0x25
#define VEC_SYNC 4
#define VEC_IRQ 5

#define PSCI_VERSION 0x84000000ULL
#define PSCI_CPU_SUSPEND 0xc4000001ULL
#define PSCI_CPU_OFF 0x84000002ULL
#define PSCI_CPU_ON 0xc4000003ULL
#define PSCI_AFFINITY_INFO 0xc4000004ULL
#define PSCI_SYSTEM_OFF 0x84000008ULL
#define PSCI_SYSTEM_RESET 0x84000009ULL
#define PSCI_SYSTEM_RESET2 0xc4000012ULL
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON (-4)

#define SGI_STORM 100000
#define SGI_ID 3
#define FUZZ_CALLS 4000

/* The QEMU virt board's devices that no VM was given (hw/arm/virt.c memmap). */
const uint64_t arch_host_devices[] = {
    0x00000000, 0x04000000, 0x08030000,	     0x08040000,      0x08080000, 0x09010000,
    0x09020000, 0x09030000, 0x09040000,	     0x0a000000,      0x0a003e00, 0x0c000000,
    0x10000000, 0x3eff0000, 0x4010000000ULL, 0x8000000000ULL, ~0ULL,
};

extern char hostile_vectors[];
void hostile_call(uint64_t *regs, int kind);
void hostile_secondary_entry(void);
void hostile_secondary(void);
uint64_t hostile_exception(uint64_t vector, uint64_t elr);

static volatile int v1_up, v1_cmd, v1_cycles, v1_started;
static volatile uint64_t storm_end;
static uint32_t own_spi;
static uint64_t stack1[1024] __attribute__((aligned(16)));

static void timer_irq(void)
{
	if (storm_end && arch_counter() < storm_end)
		return; /* stays pending: CVAL is 0 */
	sysreg_write("cntv_ctl_el0", 0);
}

static void handle_irq(void)
{
	unsigned int id = my_id();
	uint64_t iar, intid;

	for (;;) {
		iar = gic_ack();
		intid = iar & 0x3ff;
		if (intid >= 1020)
			return;
		hirqs[id]++;
		hirq_last[id] = intid;
		if (hirq_hook)
			hirq_hook(intid);
		if (intid == PPI_VTIMER)
			timer_irq();
		gic_eoi(iar);
	}
}

uint64_t hostile_exception(uint64_t vector, uint64_t elr)
{
	uint64_t resume = hresume;

	if (vector == VEC_IRQ) {
		handle_irq();
		return elr;
	}
	if (vector != VEC_SYNC)
		hunexpected++;
	hfault.cause = sysreg_read("esr_el1");
	hfault.addr = sysreg_read("far_el1");
	hfault.pc = elr;
	hfault.count++;
	if (resume) {
		hresume = 0;
		return resume;
	}
	return elr + 4;
}

/* The CPU interface and the distributor, our vCPU's timer PPI enabled. */
static void gic_cpu_init(void)
{
	unsigned int id = my_id();

	sysreg_write("cpacr_el1", 3ULL << 20); /* FP/SIMD at EL1 */
	if (gicv3()) {
		sysreg_write(ICC_SRE, sysreg_read(ICC_SRE) | 1);
		sysreg_write(ICC_PMR, 0xff);
		sysreg_write(ICC_IGRPEN1, 1);
		mmio_write32(gicr(id, 0x14), 0); /* GICR_WAKER: awake */
		mmio_write32(gicr(id, GICR_SGI + GICD_ISENABLER), 1U << PPI_VTIMER);
	} else {
		mmio_write32(gicc(GICC_CTLR), 1);
		mmio_write32(gicc(GICC_PMR), 0xff);
		mmio_write32(gicd(GICD_ISENABLER), 1U << PPI_VTIMER);
	}
}

static int64_t call(uint64_t fn, uint64_t a, uint64_t b, uint64_t c);

void hostile_secondary(void)
{
	if (v1_cycles) { /* psci_onoff_storm: off again at once */
		v1_cycles--;
		v1_started++;
		call(PSCI_CPU_OFF, 0, 0, 0);
	}
	gic_cpu_init();
	v1_up = 1;
	irq_enable(1);
	while (!v1_cmd)
		__asm__ volatile("wfi");
	if (v1_cmd == 2) { /* psci_onoff_storm begins */
		v1_cmd = 0;
		v1_up = 0;
		call(PSCI_CPU_OFF, 0, 0, 0);
	}
	/* Interrupts masked, WFI forever: only this vCPU's CPU may sleep. */
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	v1_up = 2;
	for (;;)
		__asm__ volatile("wfi");
}

static int64_t call(uint64_t fn, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t r[18] = {fn, a, b, c};

	hostile_call(r, 0);
	return (int64_t)r[0];
}

void arch_hostile_init(void)
{
	unsigned int i;

	v1_up = v1_cmd = v1_cycles = 0;
	storm_end = 0;
	own_spi = 0;
	hirq_hook = 0;
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"((uint64_t)(uintptr_t)hostile_vectors));
	mmio_write32(gicd(GICD_CTLR), gicv3() ? 0x12 : 1);
	gic_cpu_init();
	if (hinfo->cpus > 1)
		call(PSCI_CPU_ON, 1, (uint64_t)(uintptr_t)hostile_secondary_entry,
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
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"((uint64_t)(uintptr_t)hostile_vectors));
	mmio_write32(gicd(GICD_CTLR), gicv3() ? 0x12 : 1);
	gic_cpu_init();
}

/*
 * Sleep until the virtual timer's interrupt at @deadline has been taken
 * (timer_irq() turns the timer off).
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
	sysreg_write("cntv_cval_el0", deadline);
	sysreg_write("cntv_ctl_el0", 1);
}

/* WFI with interrupts masked still wakes on a pending one (Arm ARM D1.6.2). */
void arch_sleep(void)
{
	__asm__ volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
}

/* An SPI to vCPU 0 (IHI 0069 12.9.22 IROUTER, IHI 0048B 4.3.12 ITARGETSR). */
void arch_irq_line_enable(uint32_t irq)
{
	if (gicv3())
		mmio_write(gicd(GICD_IROUTER + 8 * irq), 8, hinfo->cpu_hwid[0]);
	else
		mmio_write(gicd(GICD_ITARGETSR + irq), 1, 1);
	mmio_write32(gicd(GICD_ISENABLER + irq / 32 * 4), 1U << irq % 32);
}

void arch_hostile_exec(uint64_t addr)
{
	__asm__ volatile("adr x9, 1f\n\t"
			 "str x9, [%1]\n\t"
			 "blr %0\n"
			 "1:"
			 :
			 : "r"(addr), "r"(&hresume)
			 : "x9", "x30", "memory");
}

void arch_hostile_park(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("wfi");
}

/* One instruction; its fault's exception class, or -1 when it did not fault. */
#define TRY(...)                                                  \
	({                                                        \
		uint64_t __b = hfault.count;                      \
		__asm__ volatile(__VA_ARGS__);                    \
		hfault.count != __b ? (int)EC(hfault.cause) : -1; \
	})

/* MMIO without a syndrome: LDP/STP, SIMD&FP; each must fault at its address. */
static void attack_pair_simd(void)
{
	uint64_t u = hinfo->uart, d = hinfo->intc_reg[0];
	unsigned int n = 0, ok = 0;

#define EXPECT_ABORT(where, ...)                                                 \
	do {                                                                     \
		n++;                                                             \
		ok += TRY(__VA_ARGS__) == EC_DABT_CUR && hfault.addr == (where); \
	} while (0)
	EXPECT_ABORT(u, "ldp x9, x10, [%0]" : : "r"(u) : "x9", "x10", "memory");
	EXPECT_ABORT(u, "stp x9, x10, [%0]" : : "r"(u) : "x9", "x10", "memory");
	EXPECT_ABORT(d, "ldp w9, w10, [%0]" : : "r"(d) : "x9", "x10", "memory");
	EXPECT_ABORT(d, "stp wzr, wzr, [%0]" : : "r"(d) : "memory");
	report("mmio_ldp_stp", ok == n, "%u of %u LDP/STP on the UART and GICD aborted there",
	       (uint64_t)ok, (uint64_t)n);
	n = ok = 0;
	EXPECT_ABORT(u, "ldr q0, [%0]" : : "r"(u) : "memory");
	EXPECT_ABORT(u, "str q0, [%0]" : : "r"(u) : "memory");
	EXPECT_ABORT(u, "ldr d0, [%0]" : : "r"(u) : "memory");
	EXPECT_ABORT(u, "ldr s0, [%0]" : : "r"(u) : "memory");
	EXPECT_ABORT(d, "ld1 {v0.16b}, [%0]" : : "r"(d) : "memory");
	EXPECT_ABORT(d, "st1 {v0.4s}, [%0]" : : "r"(d) : "memory");
	report("mmio_simd", ok == n, "%u of %u SIMD&FP loads/stores on the UART and GICD aborted",
	       (uint64_t)ok, (uint64_t)n);
}

/* Writeback forms: the abort must leave the base register as it was. */
static void attack_writeback(void)
{
	uint64_t base, orig = hinfo->uart;
	unsigned int n = 0, ok = 0;

#define EXPECT_NO_WB(insn)                                                                      \
	do {                                                                                    \
		base = orig;                                                                    \
		n++;                                                                            \
		ok += TRY(insn : "+r"(base) : : "x9", "memory") == EC_DABT_CUR && base == orig; \
	} while (0)
	EXPECT_NO_WB("ldr x9, [%0, #0]!");
	EXPECT_NO_WB("ldr w9, [%0], #4");
	EXPECT_NO_WB("str x9, [%0, #0]!");
	EXPECT_NO_WB("strb w9, [%0], #1");
	EXPECT_NO_WB("ldp x9, xzr, [%0], #16");
	report("mmio_writeback", ok == n,
	       "%u of %u pre/post-indexed accesses on the UART aborted, base register kept",
	       (uint64_t)ok, (uint64_t)n);
}

/* Exclusives and acquire/release on MMIO: refused or emulated, never lost. */
static void attack_exclusive(void)
{
	uint64_t u = hinfo->uart, status = 7, faults = 0;
	int ec;

	ec = TRY("ldxr x9, [%0]" : : "r"(u) : "x9", "memory");
	faults += ec >= 0;
	ec = TRY("stxr w10, xzr, [%1]\n\tmov %0, x10" : "=r"(status) : "r"(u) : "x10", "memory");
	faults += ec >= 0;
	ec = TRY("ldaxr w9, [%0]" : : "r"(u) : "x9", "memory");
	faults += ec >= 0;
	ec = TRY("ldar w9, [%0]" : : "r"(u + 0x18) : "x9", "memory");
	report("mmio_exclusive", 1,
	       "LDXR/STXR/LDAXR on the UART: %u faulted, STXR status %u; LDAR %s", faults, status,
	       ec < 0 ? "emulated" : "faulted");
}

/* Odd widths and offsets on the distributor; TYPER must read the same after. */
static void attack_gicd_widths(void)
{
	uint64_t p = gicd(0), before = hfault.count, n = 0;
	uint32_t typer = mmio_read32(gicd(GICD_TYPER));
	unsigned int off;

	for (off = 0; off < 0x10000; off += 4) {
		(void)mmio_read(p + off + (off >> 2 & 3), 1);
		(void)mmio_read(p + off + 2, 2);
		(void)mmio_read(p + (off & ~7U), 8);
		n += 3;
	}
	for (off = 0x420; off < 0x800; off += 3)
		mmio_write(p + off, 1, 0xff); /* IPRIORITYR byte writes, SPIs only */
	mmio_write(p + 0x100, 8, ~0ULL);
	mmio_write(p + 0x180, 8, ~0ULL);
	if (!gicv3())
		mmio_write32(gicd(GICD_ISENABLER), 1U << PPI_VTIMER); /* banked: ours again */
	report("gicd_widths_offsets", mmio_read32(gicd(GICD_TYPER)) == typer,
	       "%u GICD reads of width 1/2/8 everywhere (%u faulted), odd writes, TYPER kept", n,
	       hfault.count - before);
}

/*
 * One register group with @bits per INTID at @off: all ones written over
 * every SPI, read back; only our own SPI (the virtual UART's) may stick.
 */

static void attack_gicd_group(const char *name, uint64_t off, unsigned int bits, uint64_t clear)
{
	unsigned int per_word = 32 / bits, nr = 1020, w, i, stuck = 0, foreign = 0, spi = 0;
	uint32_t mask = bits == 32 ? ~0U : (1U << bits) - 1, v;

	for (w = 32 / per_word; w < nr / per_word; w++)
		mmio_write32(gicd(off + 4 * w), ~0U);
	for (w = 32 / per_word; w < nr / per_word; w++) {
		v = mmio_read32(gicd(off + 4 * w));
		for (i = 0; i < per_word; i++)
			if (v >> (i * bits) & mask) {
				stuck++;
				spi = w * per_word + i;
				foreign += own_spi && spi != own_spi;
			}
	}
	if (clear)
		for (w = 32 / per_word; w < nr / per_word; w++)
			mmio_write32(gicd(clear + 4 * w), ~0U);
	if (stuck == 1 && !own_spi)
		own_spi = spi;
	report(name, stuck <= 1 && !foreign,
	       "all ones over SPIs 32-1019: %u kept it (ours: %u), %u foreign", (uint64_t)stuck,
	       (uint64_t)own_spi, (uint64_t)foreign);
}

/*
 * All ones to every word of the distributor (banked SGI/PPI priorities
 * aside, see attack_gicr_sgi_base()), then everything of ours put back.
 */
static void attack_gicd_every_offset(void)
{
	uint32_t typer = mmio_read32(gicd(GICD_TYPER));
	uint64_t before = hfault.count;
	unsigned int off;

	for (off = 0; off < 0x10000; off += 4)
		if (off < 0x400 || off >= 0x420)
			mmio_write32(gicd(off), ~0U);
	for (off = 0x180; off < 0x200; off += 4)
		mmio_write32(gicd(off), ~0U); /* ICENABLER */
	for (off = 0x280; off < 0x300; off += 4)
		mmio_write32(gicd(off), ~0U); /* ICPENDR */
	for (off = 0x420; off < 0x800; off += 4)
		mmio_write32(gicd(off), 0); /* IPRIORITYR of SPIs */
	mmio_write32(gicd(GICD_CTLR), gicv3() ? 0x12 : 1);
	if (!gicv3())
		mmio_write32(gicd(GICD_ISENABLER), 1U << PPI_VTIMER);
	report("gicd_every_offset", mmio_read32(gicd(GICD_TYPER)) == typer,
	       "all ones to all 16384 GICD words (%u faulted), ours put back, TYPER kept",
	       hfault.count - before);
}

/*
 * Every word of our redistributors' RD_base: CTLR, WAKER, the LPI
 * registers, the rest. Not 0x080-0xfff: Shyper decodes the SGI_base
 * registers there as well (vgic_frame_access() applies the common field
 * table to every frame), so ones at 0x400 would set our SGI priorities to
 * 0xff, where our PMR masks them for good.
 */
static void attack_gicr_rd_base(void)
{
	unsigned int f, off, ids = 0;

	for (f = 0; f < hinfo->cpus; f++) {
		for (off = 0; off < 0x10000; off += 4)
			if (off < 0x80 || off >= 0x1000)
				mmio_write32(gicr(f, off), ~0U);
		mmio_write32(gicr(f, 0x14), 0); /* GICR_WAKER: awake again */
		ids += (mmio_read32(gicr(f, 0x8)) >> 8 & 0xffff) == f;
	}
	report("gicr_rd_base", ids == hinfo->cpus,
	       "all ones to the RD_base words of our %u frames, TYPER still names them",
	       (uint64_t)hinfo->cpus);
}

static void attack_gicd_irouter(void)
{
	unsigned int i, stuck = 0;
	uint64_t r = gicd(GICD_IROUTER);

	for (i = 32; i < 1020; i++)
		mmio_write(r + 8 * i, 8, ~0ULL);
	for (i = 32; i < 1020; i++)
		stuck += mmio_read(r + 8 * i, 8) != 0 && i != own_spi;
	for (i = 32; i < 1020; i++)
		mmio_write(r + 8 * i, 8, 0);
	report("gicd_irouter", !stuck,
	       "IROUTER of SPIs 32-1019 set to all ones: %u foreign kept it", (uint64_t)stuck);
}

/* Redistributor frames: ours answer with our ids, the others' must abort. */
static void attack_gicr_frames(void)
{
	unsigned int f, own = 0, foreign = 0, aborted = 0;

	for (f = 0; f < hinfo->cpus; f++)
		own += (mmio_read32(gicr(f, 0x8)) >> 8 & 0xffff) == f;
	for (f = hinfo->cpus; f < 8; f++) {
		uint64_t a = hinfo->intc_reg[2] + f * GICR_FRAME;

		foreign += 4;
		aborted += probe_load(a + 0x8) + probe_store(a + 0x14, 0) +
			   probe_store(a + GICR_SGI + 0x100, ~0U) +
			   probe_store(a + GICR_SGI + 0x200, ~0U);
	}
	report("gicr_foreign_frames", own == hinfo->cpus && aborted == foreign,
	       "our %u frames show our ids; %u of %u accesses to the next 6 frames aborted",
	       (uint64_t)own, (uint64_t)aborted, (uint64_t)foreign);
}

/*
 * Every register of our own frames' SGI_base, all ones, then cleaned up.
 * Priorities get 0x80, not 0xff: an SGI made pending at priority 0xff
 * stays in a list register with that priority even once lowered again
 * (the list register keeps the priority it was written with), and our
 * PMR of 0xff would mask it for good.
 */
static void attack_gicr_sgi_base(void)
{
	unsigned int f, off;
	uint32_t typer0 = mmio_read32(gicr(0, 0x8));

	for (f = 0; f < hinfo->cpus; f++)
		for (off = 0; off < 0x10000; off += 4)
			if (off != 0x180 && off != 0x100)
				mmio_write32(gicr(f, GICR_SGI + off),
					     off >= 0x400 && off < 0x420 ? 0x80808080 : ~0U);
	for (f = 0; f < hinfo->cpus; f++) {
		mmio_write32(gicr(f, GICR_SGI + 0x280), ~0U);
		mmio_write32(gicr(f, GICR_SGI + GICD_ISENABLER), 1U << PPI_VTIMER);
		for (off = 0x400; off < 0x420; off += 4)
			mmio_write32(gicr(f, GICR_SGI + off), 0);
	}
	report("gicr_sgi_base", mmio_read32(gicr(0, 0x8)) == typer0,
	       "all ones to every SGI_base register of our %u frames, RD_base kept",
	       (uint64_t)hinfo->cpus);
}

static void send_sgi(uint64_t target_bits)
{
	if (gicv3())
		sysreg_write(ICC_SGI1R, ((uint64_t)SGI_ID << 24) | target_bits);
	else
		mmio_write32(gicd(GICD_SGIR), (uint32_t)((target_bits << 16) | SGI_ID));
}

static void wait_ticks(uint64_t ticks)
{
	uint64_t end = arch_counter() + ticks;

	while (arch_counter() < end)
		;
}

/* vCPU 1 (interrupts on) takes a storm of SGIs from vCPU 0. */
static void attack_sgi_storm(void)
{
	uint64_t before = hirqs[1];
	unsigned int i;

	for (i = 0; i < SGI_STORM; i++)
		send_sgi(1U << 1);
	wait_ticks(arch_counter_freq(hinfo) / 10);
	report("sgi_storm", hirqs[1] > before && hirqs[1] - before <= SGI_STORM,
	       "%u SGIs sent to vCPU 1, it took %u", (uint64_t)SGI_STORM, hirqs[1] - before);
}

/* SGIs addressed to CPUs that are not ours: nobody of ours may get one. */
static void attack_sgi_foreign(void)
{
	uint64_t before0, before1;
	unsigned int i, sent = 0;

	irq_enable(1); /* take what earlier attacks left pending first */
	wait_ticks(arch_counter_freq(hinfo) / 20);
	before0 = hirqs[0];
	before1 = hirqs[1];
	for (i = 0; i < 1000; i++) {
		if (gicv3()) {
			send_sgi(0xfffcULL); /* Aff0 2-15 */
			send_sgi((1ULL << 16) | 3); /* Aff1 1 */
			send_sgi((1ULL << 32) | 3); /* Aff2 1 */
			send_sgi((1ULL << 48) | 3); /* Aff3 1 */
			send_sgi((1ULL << 44) | 3); /* RS 1: Aff0 16-17 */
			sysreg_write(ICC_SGI0R, (1ULL << 24) | 0xfffc);
			sysreg_write(ICC_ASGI1R, (1ULL << 24) | 0xfffc);
			sent += 7;
		} else {
			send_sgi(0xfc); /* CPU interfaces 2-7 */
			mmio_write32(gicd(GICD_SGIR), (3U << 24) | 1); /* reserved filter */
			mmio_write32(gicd(GICD_SGIR + 4), 0x10001); /* next register (reserved) */
			sent += 3;
		}
	}
	wait_ticks(arch_counter_freq(hinfo) / 10);
	irq_enable(0);
	report("sgi_foreign_targets", hirqs[0] == before0 && hirqs[1] == before1,
	       "%u SGIs to affinities outside the VM, ours took %u", (uint64_t)sent,
	       (hirqs[0] - before0) + (hirqs[1] - before1));
}

/* PSCI CPU_ON and AFFINITY_INFO naming CPUs that are not ours. */
static void attack_psci_foreign(void)
{
	static const uint64_t target[] = {
	    2, 3, 7, 0x100, 0x10000, 0x1000000, 0x100000000ULL, 0xff00000000ULL, ~0ULL, 0x80000002};
	unsigned int i, n = sizeof(target) / sizeof(target[0]), bad_on = 0, bad_aff = 0;
	int64_t r;

	for (i = 0; i < n; i++) {
		r = call(PSCI_CPU_ON, target[i], (uint64_t)(uintptr_t)hostile_secondary_entry, 0);
		bad_on += r != PSCI_INVALID_PARAMETERS &&
			  !(target[i] == 0x1000000 && r == PSCI_ALREADY_ON);
		r = call(PSCI_AFFINITY_INFO, target[i], 0, 0);
		bad_aff += r != PSCI_INVALID_PARAMETERS && target[i] != 0x1000000;
	}
	r = call(PSCI_CPU_ON, 1, 0xdead0000, 0);
	report("psci_foreign_cpus", !bad_on && !bad_aff && r == PSCI_ALREADY_ON,
	       "CPU_ON/AFFINITY_INFO of %u foreign MPIDRs: %u/%u not refused; CPU_ON vCPU 1: %i",
	       (uint64_t)n, (uint64_t)bad_on, (uint64_t)bad_aff, r);
}

/*
 * vCPU 1 turned off and on again ONOFF_CYCLES times as fast as it goes:
 * CPU_OFF from itself, CPU_ON from vCPU 0 once AFFINITY_INFO says OFF.
 */
#define ONOFF_CYCLES 300

static int wait_off(void)
{
	unsigned int i;

	for (i = 0; i < 100000; i++)
		if (call(PSCI_AFFINITY_INFO, 1, 0, 0) == 1)
			return 1;
	return 0;
}

static void attack_psci_onoff(void)
{
	unsigned int i, bad = 0, stuck = 0;

	v1_started = 0;
	v1_cycles = ONOFF_CYCLES;
	v1_cmd = 2;
	send_sgi(1U << 1);
	for (i = 0; i <= ONOFF_CYCLES && !stuck; i++) {
		stuck += !wait_off();
		bad += call(PSCI_CPU_ON, 1, (uint64_t)(uintptr_t)hostile_secondary_entry,
			    (uint64_t)(uintptr_t)&stack1[1024]) != 0;
	}
	for (i = 0; i < 100000000 && v1_up != 1; i++)
		;
	report("psci_onoff_storm", !bad && !stuck && v1_started == ONOFF_CYCLES && v1_up == 1,
	       "vCPU 1 off and on %u times: %u CPU_ON refused, %u never off, back up: %u",
	       (uint64_t)v1_started, (uint64_t)bad, (uint64_t)stuck, (uint64_t)(v1_up == 1));
}

/* CPU_SUSPEND with garbage power states and entry points returns (standby). */
static void attack_psci_suspend(void)
{
	unsigned int i, bad = 0;

	for (i = 0; i < 200; i++)
		bad += call(PSCI_CPU_SUSPEND, hrand(), hrand(), hrand()) != 0 &&
		       call(PSCI_CPU_SUSPEND, hrand(), hrand(), hrand()) != -2;
	report("psci_suspend_garbage", !bad,
	       "200 CPU_SUSPEND with random arguments: %u odd results", (uint64_t)bad);
}

/* A random function id that does not stop or reset ourselves. */
static uint64_t fuzz_fn(void)
{
	static const uint64_t bases[] = {0x84000000, 0xc4000000, 0x80000000, 0xc6000000,
					 0x86000000, 0xbf000000, 0xc5000000, 0};
	uint64_t fn;

	for (;;) {
		fn = bases[hrand() % 8];
		fn = fn ? fn | (hrand() & 0x3f) : hrand();
		if (hrand() & 1)
			fn |= hrand() << 32; /* SMCCC: only W0 counts */
		switch ((uint32_t)fn) {
		case PSCI_CPU_OFF:
		case PSCI_SYSTEM_OFF:
		case PSCI_SYSTEM_RESET:
		case (uint32_t)PSCI_SYSTEM_RESET2:
		case (uint32_t)PSCI_CPU_ON: /* might restart vCPU 1 elsewhere */
		case 0x84000003:
			continue;
		}
		return fn;
	}
}

/*
 * @kind 0/2: HVC, 1/3: SMC. Each call returns, x0 is a PSCI/SMCCC result,
 * and x1-x17 are what we passed (nothing of the hypervisor leaks).
 */
static void fuzz_calls(const char *name, int kind0, int kind1)
{
	uint64_t r[18], in[18];
	unsigned int i, j, leaks = 0, odd = 0;

	for (i = 0; i < FUZZ_CALLS; i++) {
		in[0] = fuzz_fn();
		for (j = 1; j < 18; j++)
			in[j] = hrand();
		for (j = 0; j < 18; j++)
			r[j] = in[j];
		hostile_call(r, i & 1 ? kind1 : kind0);
		for (j = 1; j < 18; j++)
			leaks += r[j] != in[j];
		odd += (int64_t)r[0] < -9 && r[0] != 0xffffffffffffffffULL;
	}
	report(name, !leaks,
	       "%u random function ids, garbage x1-x17: %u of x1-x17 changed, %u odd x0",
	       (uint64_t)FUZZ_CALLS, (uint64_t)leaks, (uint64_t)odd);
}

/* The physical timer (CNTHCTL_EL2.EL1PCEN = 0): each access is UNDEFINED. */
static void attack_sysreg_trapped(void)
{
	unsigned int n = 0, ok = 0;

#define EXPECT_UNDEF(insn)                                          \
	do {                                                        \
		n++;                                                \
		ok += TRY(insn : : : "x9", "memory") == EC_UNKNOWN; \
	} while (0)
	EXPECT_UNDEF("mrs x9, cntp_ctl_el0");
	EXPECT_UNDEF("msr cntp_ctl_el0, xzr");
	EXPECT_UNDEF("mrs x9, cntp_cval_el0");
	EXPECT_UNDEF("msr cntp_cval_el0, xzr");
	EXPECT_UNDEF("mrs x9, cntp_tval_el0");
	EXPECT_UNDEF("msr cntp_tval_el0, xzr");
	report("sysreg_trapped", ok == n,
	       "%u of %u physical timer accesses (trapped) were UNDEFINED", (uint64_t)ok,
	       (uint64_t)n);
}

static void attack_sysreg_el2(void)
{
	unsigned int n = 0, ok = 0;

	EXPECT_UNDEF("mrs x9, hcr_el2");
	EXPECT_UNDEF("msr hcr_el2, xzr");
	EXPECT_UNDEF("mrs x9, vttbr_el2");
	EXPECT_UNDEF("msr vttbr_el2, xzr");
	EXPECT_UNDEF("msr vtcr_el2, xzr");
	EXPECT_UNDEF("msr vbar_el2, xzr");
	EXPECT_UNDEF("mrs x9, elr_el2");
	EXPECT_UNDEF("msr sctlr_el2, xzr");
	EXPECT_UNDEF("msr cnthctl_el2, xzr");
	EXPECT_UNDEF("msr cntvoff_el2, xzr");
	EXPECT_UNDEF("msr vmpidr_el2, xzr");
	EXPECT_UNDEF("mrs x9, S3_4_C12_C11_0"); /* ICH_HCR_EL2 */
	EXPECT_UNDEF("msr S3_4_C12_C12_0, xzr"); /* ICH_LR0_EL2 */
	EXPECT_UNDEF("mrs x9, scr_el3");
	EXPECT_UNDEF("msr sctlr_el3, xzr");
	EXPECT_UNDEF("msr vbar_el3, xzr");
	report("sysreg_el2_el3", ok == n, "%u of %u EL2/EL3 register accesses were UNDEFINED",
	       (uint64_t)ok, (uint64_t)n);
}

static void attack_hyp_insns(void)
{
	unsigned int n = 0, ok = 0;

	EXPECT_UNDEF("tlbi alle2");
	EXPECT_UNDEF("tlbi alle2is");
	EXPECT_UNDEF("tlbi vae2, xzr");
	EXPECT_UNDEF("tlbi ipas2e1is, xzr");
	EXPECT_UNDEF("tlbi alle1is");
	EXPECT_UNDEF("tlbi vmalls12e1is");
	EXPECT_UNDEF("at s12e1r, xzr");
	EXPECT_UNDEF("at s1e2r, xzr");
	EXPECT_UNDEF("tlbi alle3");
	EXPECT_UNDEF("at s1e3r, xzr");
	report("hyp_only_insns", ok == n, "%u of %u EL2/EL3-only TLBI and AT were UNDEFINED",
	       (uint64_t)ok, (uint64_t)n);
}

/* DC ISW/CSW/CISW (HCR_EL2.TSW): garbage set/way operands, a storm of them. */
static void attack_setway(void)
{
	uint64_t before = hfault.count;
	unsigned int i;

	for (i = 0; i < 20000; i++) {
		uint64_t v = hrand();

		__asm__ volatile("dc isw, %0" : : "r"(v) : "memory");
		__asm__ volatile("dc csw, %0" : : "r"(v) : "memory");
		__asm__ volatile("dc cisw, %0" : : "r"(v) : "memory");
	}
	report("setway_storm", hfault.count == before,
	       "60000 trapped DC ISW/CSW/CISW, random operands, %u faults", hfault.count - before);
}

/* Broadcast TLB and I-cache maintenance: VMID-tagged, ours only. */
static void attack_tlbi_storm(void)
{
	uint64_t before = hfault.count;
	unsigned int i;

	for (i = 0; i < 20000; i++)
		__asm__ volatile("tlbi vmalle1is\n\tic ialluis\n\ttlbi vae1is, %0\n\tdsb ish"
				 :
				 : "r"(hrand())
				 : "memory");
	report("tlbi_storm", hfault.count == before,
	       "20000 rounds of TLBI VMALLE1IS/VAE1IS and IC IALLUIS, %u faults",
	       hfault.count - before);
}

/*
 * Cache maintenance by address over the host RAM around ours (the
 * victim's included): invalidating its dirty lines would lose its
 * writes. DC ZVA must fault (MMU off: Device memory); DC IVAC/CIVAC/CVAC
 * fault or do nothing (QEMU does not translate them); the victim's own
 * memory check shows they did not reach it.
 */
static void attack_cache_outside(void)
{
	uint64_t end = hinfo->ram_base + hinfo->ram_size, a, n = 0, zva = 0, faults = 0;

	for (a = end; a < end + 0x80000000ULL; a += 0x200000, n++) {
		faults += TRY("dc ivac, %0" : : "r"(a) : "memory") >= 0;
		faults += TRY("dc civac, %0" : : "r"(a) : "memory") >= 0;
		faults += TRY("dc cvac, %0" : : "r"(a) : "memory") >= 0;
		zva += TRY("dc zva, %0" : : "r"(a) : "memory") >= 0;
	}
	report("cache_maint_outside", zva == n,
	       "%u DC ZVA outside our RAM: %u faulted; %u DC IVAC/CIVAC/CVAC: %u faulted", n, zva,
	       3 * n, faults);
}

/* Deactivate every INTID by hand (EOI and DIR): only our LRs are reachable. */
static void attack_foreign_eoi(void)
{
	unsigned int i;

	for (i = 0; i < 1020; i++) {
		if (gicv3()) {
			sysreg_write(ICC_EOIR1, i);
			sysreg_write(ICC_DIR, i);
		} else {
			mmio_write32(gicc(GICC_EOIR), i);
			mmio_write32(gicc(0x1000), i); /* GICC_DIR */
		}
	}
	report("foreign_eoi_dir", 1, "EOI and DIR written for INTIDs 0-1019, our vCPU runs on");
}

/* The virtual timer always firing (CVAL 0) for half a second, acked each time. */
static void attack_timer_storm(void)
{
	uint64_t before = hirqs[0];

	storm_end = arch_counter() + arch_counter_freq(hinfo) / 2;
	sysreg_write("cntv_cval_el0", 0);
	sysreg_write("cntv_ctl_el0", 1);
	irq_enable(1);
	while (arch_counter() < storm_end)
		;
	wait_ticks(arch_counter_freq(hinfo) / 20);
	irq_enable(0);
	storm_end = 0;
	sysreg_write("cntv_ctl_el0", 0);
	report("timer_storm", hirqs[0] > before,
	       "virtual timer at CVAL 0 for 0.5 s: %u interrupts taken", hirqs[0] - before);
}

/* Random CVAL/TVAL/CTL values, then the timer off. */
static void attack_timer_garbage(void)
{
	uint64_t before = hfault.count;
	unsigned int i;

	for (i = 0; i < 20000; i++) {
		sysreg_write("cntv_cval_el0", hrand());
		sysreg_write("cntv_tval_el0", hrand());
		sysreg_write("cntv_ctl_el0", hrand() | 2);
	}
	sysreg_write("cntv_ctl_el0", 0);
	report("timer_garbage", hfault.count == before,
	       "20000 random virtual timer settings, %u faults", hfault.count - before);
}

/*
 * GICv3 redistributor RD_base has no IPRIORITYR: offset 0x400 there is
 * reserved (IHI 0069 12.10, the RD_base register map), so a write to it
 * must not change SGI_base's IPRIORITYR0 of the same frame.
 */
static void model_rd_base_alias(void)
{
	uint32_t before = mmio_read32(gicr(1, GICR_SGI + 0x400)), after;

	mmio_write32(gicr(1, 0x400), 0x40404040);
	after = mmio_read32(gicr(1, GICR_SGI + 0x400));
	mmio_write32(gicr(1, GICR_SGI + 0x400), before);
	model("gicr_rd_base_reserved", after == before,
	      "SGI_base IPRIORITYR0 %x before and %x after a write to RD_base+0x400",
	      (uint64_t)before, (uint64_t)after);
}

/*
 * A pending SGI whose priority is lowered below the PMR mask must then be
 * taken (IHI 0069 4.8: the highest-priority pending interrupt is chosen
 * by its current priority).
 */
static void model_pending_priority(void)
{
	const unsigned int sgi = 5;
	uint64_t before = hirqs[1];
	uint32_t prio = mmio_read32(gicr(1, GICR_SGI + 0x404));

	mmio_write32(gicr(1, GICR_SGI + 0x404), prio | 0xff << 8); /* SGI 5 at 0xff: masked */
	sysreg_write(ICC_SGI1R, ((uint64_t)sgi << 24) | 2);
	wait_ticks(arch_counter_freq(hinfo) / 50);
	mmio_write32(gicr(1, GICR_SGI + 0x404), prio & ~(0xffU << 8)); /* back to 0 */
	wait_ticks(arch_counter_freq(hinfo) / 20);
	model("pending_priority_change", hirqs[1] > before && hirq_last[1] == sgi,
	      "SGI %u pended at priority 0xff, then set to 0: vCPU 1 took %u interrupt(s)",
	      (uint64_t)sgi, hirqs[1] - before);
}

/* vCPU 1 masks everything and sleeps forever; vCPU 0 goes on. */
static void attack_wfi_masked(void)
{
	unsigned int i;
	int64_t state;

	v1_cmd = 1;
	send_sgi(1U << 1); /* wakes it from its WFI */
	for (i = 0; i < 100000000 && v1_up != 2; i++)
		;
	send_sgi(1U << 1);
	wait_ticks(arch_counter_freq(hinfo) / 10);
	state = call(PSCI_AFFINITY_INFO, 1, 0, 0);
	report("wfi_masked_forever", v1_up == 2 && state == 0,
	       "vCPU 1 in WFI with DAIF masked (AFFINITY_INFO %i), vCPU 0 goes on", state);
}

void arch_hostile_attacks(void)
{
	attack_pair_simd();
	attack_writeback();
	attack_exclusive();
	attack_gicd_widths();
	attack_gicd_group("gicd_isenabler", 0x100, 1, 0x180);
	attack_gicd_group("gicd_igroupr", 0x080, 1, 0);
	attack_gicd_group("gicd_ispendr", 0x200, 1, 0x280);
	attack_gicd_group("gicd_isactiver", 0x300, 1, 0x380);
	attack_gicd_group("gicd_ipriorityr", 0x400, 8, 0);
	attack_gicd_group("gicd_icfgr", 0xc00, 2, 0);
	attack_gicd_every_offset();
	if (gicv3()) {
		attack_gicd_irouter();
		attack_gicr_frames();
		attack_gicr_rd_base();
		attack_gicr_sgi_base();
	} else {
		attack_gicd_group("gicd_itargetsr", 0x800, 8, 0);
	}
	attack_psci_onoff();
	attack_sgi_storm();
	attack_sgi_foreign();
	attack_psci_foreign();
	attack_psci_suspend();
	fuzz_calls("hvc_fuzz", 0, 2);
	fuzz_calls("smc_fuzz", 1, 3);
	attack_sysreg_trapped();
	attack_sysreg_el2();
	attack_hyp_insns();
	attack_setway();
	attack_tlbi_storm();
	attack_cache_outside();
	attack_foreign_eoi();
	attack_timer_storm();
	attack_timer_garbage();
	if (gicv3()) {
		model_rd_base_alias();
		model_pending_priority();
	}
	attack_wfi_masked();
}
