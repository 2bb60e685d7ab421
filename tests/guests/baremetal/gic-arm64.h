/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test guest's own GIC access on arm64 (IHI 0069, IHI 0048B): the
 * distributor, redistributor and CPU interface the guest DT describes
 * (fdt_mini's intc_reg), and the GICv3 system registers by encoding.
 * Shared by the hostile, victim and bench modes.
 */
#ifndef GIC_ARM64_H
#define GIC_ARM64_H

#include <stdint.h>

#include "hostile.h"

#define GICD_CTLR 0x0
#define GICD_TYPER 0x4
#define GICD_ISENABLER 0x100
#define GICD_ITARGETSR 0x800
#define GICD_SGIR 0xf00
#define GICD_IROUTER 0x6000
#define GICR_FRAME 0x20000
#define GICR_SGI 0x10000
#define GICC_CTLR 0x0
#define GICC_PMR 0x4
#define GICC_IAR 0xc
#define GICC_EOIR 0x10
#define PPI_VTIMER 27

static inline int gicv3(void)
{
	return hinfo->intc_kind == INTC_GICV3;
}

static inline uint64_t gicd(uint64_t off)
{
	return hinfo->intc_reg[0] + off;
}

static inline uint64_t gicc(uint64_t off)
{
	return hinfo->intc_reg[2] + off;
}

static inline uint64_t gicr(unsigned int frame, uint64_t off)
{
	return hinfo->intc_reg[2] + frame * GICR_FRAME + off;
}

static inline unsigned int my_id(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v & 1;
}

#define sysreg_write(reg, v) __asm__ volatile("msr " reg ", %0\n\tisb" : : "r"((uint64_t)(v)))
#define sysreg_read(reg)                                      \
	({                                                    \
		uint64_t __v;                                 \
		__asm__ volatile("mrs %0, " reg : "=r"(__v)); \
		__v;                                          \
	})

/* GICv3 CPU interface registers by encoding (IHI 0069 12.2). */
#define ICC_PMR "S3_0_C4_C6_0"
#define ICC_IAR1 "S3_0_C12_C12_0"
#define ICC_EOIR1 "S3_0_C12_C12_1"
#define ICC_DIR "S3_0_C12_C11_1"
#define ICC_SGI1R "S3_0_C12_C11_5"
#define ICC_ASGI1R "S3_0_C12_C11_6"
#define ICC_SGI0R "S3_0_C12_C11_7"
#define ICC_SRE "S3_0_C12_C12_5"
#define ICC_IGRPEN1 "S3_0_C12_C12_7"

static inline uint64_t gic_ack(void)
{
	return gicv3() ? sysreg_read(ICC_IAR1) : mmio_read32(gicc(GICC_IAR));
}

static inline void gic_eoi(uint64_t iar)
{
	if (gicv3())
		sysreg_write(ICC_EOIR1, iar);
	else
		mmio_write32(gicc(GICC_EOIR), (uint32_t)iar);
}

static inline void irq_enable(int on)
{
	if (on)
		__asm__ volatile("msr daifclr, #2" ::: "memory");
	else
		__asm__ volatile("msr daifset, #2" ::: "memory");
}

#endif
