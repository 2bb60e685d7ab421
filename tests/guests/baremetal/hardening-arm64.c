// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm64 hardening checks (issue 15). What the guest sees, one line each:
 * - exceptions Shyper reflects enter the vector of the mode the guest was
 *   in, with the ESR of the real access (points 3);
 * - debug and PMU registers read as zero after a write, an
 *   IMPLEMENTATION DEFINED register is undefined, a device page does not
 *   execute (point 5);
 * - a virtual timer with CVAL 0 keeps firing through the GIC, v2 or v3
 *   (point 6).
 */
#include "guest-arch.h"
#include "hardening.h"

#define GICD_CTLR 0x000
#define GICD_ISENABLER0 0x100
#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010
#define GICD_CTLR_V3 0x13 /* ARE, EnableGrp1, EnableGrp0 (one Security state) */
#define GICR_WAKER 0x0014
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 0x0080
#define GICR_IPRIORITYR 0x0400
#define PPI_VTIMER 27
#define ESR_EC(esr) ((esr) >> 26 & 0x3f)
#define ESR_WNR(esr) ((esr) >> 6 & 1)

struct hx_rec {
	uint64_t vector, esr, far, elr, spsr;
};

extern char hx_vectors[];
extern volatile struct hx_rec hx_rec;
int hx_probe(void (*fn)(uint64_t), uint64_t arg);
void hx_store_el1h(uint64_t addr);
void hx_load_el1h(uint64_t addr);
void hx_store_el1t(uint64_t addr);
void hx_store_el0(uint64_t addr);
void hx_store_a32(uint64_t addr);
void hx_exec(uint64_t addr);
void hx_irq_handler(void);

#define mrs(reg)                                               \
	({                                                     \
		uint64_t __v;                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(__v)); \
		__v;                                           \
	})
#define msr(reg, v) __asm__ volatile("msr " #reg ", %0\n\tisb" : : "r"((uint64_t)(v)))

static uint64_t gicc; /* GICv2 CPU interface; 0 with GICv3 (ICC_* registers) */
static volatile uint64_t vtimer_irqs, storm_end;

/* "<vector offset> <EC> <WnR>" of the exception @fn(@addr) raised, or "none". */
static void probe_abort(const char *check, void (*fn)(uint64_t), uint64_t addr)
{
	if (!hx_probe(fn, addr)) {
		hx_report(check, "no exception", 0);
		return;
	}
	hx_report(check, "vector", hx_rec.vector * 0x80);
	hx_report(check, "ec", ESR_EC(hx_rec.esr));
	hx_report(check, "wnr", ESR_WNR(hx_rec.esr));
	hx_report(check, "far", hx_rec.far);
}

/* Point 3: EL1t, EL1h, AArch64 EL0 and AArch32 EL0 aborts outside RAM. */
static void check_vectors(const struct fdt_info *info)
{
	uint64_t outside = info->ram_base + info->ram_size + 0x1000;

	probe_abort("el1t store", hx_store_el1t, outside);
	probe_abort("el1h store", hx_store_el1h, outside);
	probe_abort("el1h load", hx_load_el1h, outside);
	probe_abort("el0 store", hx_store_el0, outside);
	/* ID_AA64PFR0_EL1.EL0 = 2: EL0 can run AArch32. */
	if ((mrs(id_aa64pfr0_el1) & 0xf) == 2)
		probe_abort("a32 store", hx_store_a32, outside);
	else
		hx_report("a32 store", "no AArch32 at EL0", 0);
}

static void read_impdef(uint64_t unused)
{
	(void)unused;
	(void)mrs(S3_1_C11_C0_2); /* L2CTLR_EL1 on Cortex-A57/A72 */
}

/* Point 5: what a write to debug and PMU registers leaves behind. */
static void check_debug_pmu(void)
{
	msr(dbgbvr0_el1, 0x40000000);
	msr(dbgbcr0_el1, 0x21e7); /* enabled, every EL, HMC */
	hx_report("debug", "dbgbcr0 after write", mrs(dbgbcr0_el1));
	msr(dbgwcr0_el1, 0x21ff);
	hx_report("debug", "dbgwcr0 after write", mrs(dbgwcr0_el1));
	msr(mdscr_el1, 1ULL << 15 | 1ULL << 13); /* MDE, KDE */
	hx_report("debug", "mdscr after write", mrs(mdscr_el1));
	hx_report("pmu", "pmcr", mrs(pmcr_el0));
	msr(pmcntenset_el0, 1ULL << 31);
	msr(pmcr_el0, 1); /* E: count */
	hx_report("pmu", "pmcntenset after write", mrs(pmcntenset_el0));
	hx_report("pmu", "pmccntr", mrs(pmccntr_el0));
	if (hx_probe(read_impdef, 0))
		hx_report("impdef", "l2ctlr ec", ESR_EC(hx_rec.esr));
	else
		hx_report("impdef", "l2ctlr readable", 1);
}

/* Point 5: a device page (the passthrough RTC) must not execute. */
static void check_xn(const struct fdt_info *info)
{
	uint64_t rtc = fdt_mini_reg(info->dtb, "arm,pl031", 0);

	if (!rtc) {
		hx_report("xn", "no passthrough device", 0);
		return;
	}
	probe_abort("xn", hx_exec, rtc);
}

void hx_irq_handler(void)
{
	volatile uint32_t *cpu = (volatile uint32_t *)(uintptr_t)gicc;
	uint32_t iar = gicc ? cpu[GICC_IAR / 4] : (uint32_t)mrs(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */

	if ((iar & 0x3ff) == PPI_VTIMER)
		vtimer_irqs++;
	/* The storm leaves no time to the interrupted code: it ends here. */
	if ((iar & 0x3ff) == PPI_VTIMER && arch_counter() >= storm_end)
		msr(cntv_ctl_el0, 0);
	if ((iar & 0x3ff) >= 1020)
		return;
	if (gicc)
		cpu[GICC_EOIR / 4] = iar;
	else
		msr(S3_0_C12_C12_1, iar); /* ICC_EOIR1_EL1: EOImode 0, also deactivates */
}

/* GICv2: distributor and the GICC Shyper maps onto its GICV. */
static int gic_v2_init(const struct fdt_info *info)
{
	volatile uint32_t *dist;

	dist = (volatile uint32_t *)(uintptr_t)fdt_mini_reg(info->dtb, "arm,cortex-a15-gic", 0);
	gicc = fdt_mini_reg(info->dtb, "arm,cortex-a15-gic", 1);
	if (!dist || !gicc)
		return 0;
	dist[GICD_CTLR / 4] = 1;
	dist[GICD_ISENABLER0 / 4] = 1U << PPI_VTIMER;
	((volatile uint32_t *)(uintptr_t)gicc)[GICC_PMR / 4] = 0xf0;
	((volatile uint32_t *)(uintptr_t)gicc)[GICC_CTLR / 4] = 1;
	return 1;
}

/* GICv3: distributor, vCPU 0's redistributor (the first frame), ICC_* registers. */
static int gic_v3_init(const struct fdt_info *info)
{
	volatile uint32_t *dist, *rd, *sgi;

	dist = (volatile uint32_t *)(uintptr_t)fdt_mini_reg(info->dtb, "arm,gic-v3", 0);
	rd = (volatile uint32_t *)(uintptr_t)fdt_mini_reg(info->dtb, "arm,gic-v3", 1);
	if (!dist || !rd)
		return 0;
	sgi = rd + GICR_SGI_BASE / 4;
	dist[GICD_CTLR / 4] = GICD_CTLR_V3;
	rd[GICR_WAKER / 4] = 0;
	sgi[GICR_IGROUPR0 / 4] = 1U << PPI_VTIMER;
	((volatile uint8_t *)sgi)[GICR_IPRIORITYR + PPI_VTIMER] = 0xa0;
	sgi[GICD_ISENABLER0 / 4] = 1U << PPI_VTIMER;
	msr(S3_0_C12_C12_5, 7); /* ICC_SRE_EL1: system register interface */
	msr(S3_0_C4_C6_0, 0xf0); /* ICC_PMR_EL1 */
	msr(S3_0_C12_C12_7, 1); /* ICC_IGRPEN1_EL1 */
	return 1;
}

/*
 * Point 6: CVAL = 0 keeps the virtual timer condition true, so the
 * interrupt is pending again as soon as it is completed: count it for one
 * second.
 */
static void check_vtimer_storm(const struct fdt_info *info)
{
	uint64_t end;

	if (!gic_v2_init(info) && !gic_v3_init(info)) {
		hx_report("vtimer cval 0", "no GIC found", 0);
		return;
	}
	end = arch_counter() + arch_counter_freq(info);
	storm_end = end;
	msr(cntv_cval_el0, 0);
	msr(cntv_ctl_el0, 1);
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	while (arch_counter() < end)
		;
	__asm__ volatile("msr daifset, #2" ::: "memory");
	msr(cntv_ctl_el0, 0);
	hx_report("vtimer cval 0", "interrupts in 1 s", vtimer_irqs);
}

void hx_checks(const struct fdt_info *info)
{
	msr(vbar_el1, (uintptr_t)hx_vectors);
	check_vectors(info);
	check_debug_pmu();
	check_xn(info);
	check_vtimer_storm(info);
}

void hx_system_reset(void)
{
	register uint64_t x0 __asm__("x0") = 0x84000009; /* PSCI SYSTEM_RESET */

	__asm__ volatile("hvc #0" : "+r"(x0) : : "memory");
}
