/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Supervisor, hypervisor and virtual-supervisor CSRs by number (RISC-V
 * privileged spec 20211203: chapter 4 and chapter 8, "H" extension), so
 * that the assembler needs no knowledge of the H extension.
 */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#include <shyper/types.h>

#define CSR_SSTATUS 0x100
#define CSR_SIE 0x104
#define CSR_STVEC 0x105
#define CSR_SSCRATCH 0x140
#define CSR_SEPC 0x141
#define CSR_SCAUSE 0x142
#define CSR_STVAL 0x143
#define CSR_SIP 0x144
#define CSR_STIMECMP 0x14d
#define CSR_SATP 0x180

#define CSR_VSSTATUS 0x200
#define CSR_VSIE 0x204
#define CSR_VSTVEC 0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC 0x241
#define CSR_VSCAUSE 0x242
#define CSR_VSTVAL 0x243
#define CSR_VSIP 0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP 0x280

#define CSR_HSTATUS 0x600
#define CSR_HEDELEG 0x602
#define CSR_HIDELEG 0x603
#define CSR_HIE 0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE 0x607
#define CSR_HENVCFG 0x60a
#define CSR_HTVAL 0x643
#define CSR_HIP 0x644
#define CSR_HVIP 0x645
#define CSR_HTINST 0x64a
#define CSR_HGATP 0x680

/* sstatus (4.1.1) */
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_FS_DIRTY (3UL << 13)
#define SSTATUS_UXL_64 (2UL << 32)

/* hstatus (8.2.1) */
#define HSTATUS_GVA (1UL << 6)
#define HSTATUS_SPV (1UL << 7)
#define HSTATUS_SPVP (1UL << 8)
#define HSTATUS_VSXL_64 (2UL << 32)

/* Interrupt numbers: bit n of sip/sie/hip/hvip (4.1.3, 8.2.3). */
#define IRQ_S_SOFT 1
#define IRQ_VS_SOFT 2
#define IRQ_S_TIMER 5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT 9
#define IRQ_VS_EXT 10
#define IE_SSIE (1UL << IRQ_S_SOFT)
#define IE_STIE (1UL << IRQ_S_TIMER)
#define IE_SEIE (1UL << IRQ_S_EXT)
#define HVIP_VSSIP (1UL << IRQ_VS_SOFT)
#define HVIP_VSTIP (1UL << IRQ_VS_TIMER)
#define HVIP_VSEIP (1UL << IRQ_VS_EXT)
#define HIDELEG_VS (HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP)

/* scause exception codes (4.1.9, 8.6.1) */
#define CAUSE_INTERRUPT (1UL << 63)
#define EXC_INSN_MISALIGNED 0
#define EXC_INSN_ACCESS 1
#define EXC_ILLEGAL_INSN 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_VS 10
#define EXC_INSN_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15
#define EXC_INSN_GUEST_PAGE_FAULT 20
#define EXC_LOAD_GUEST_PAGE_FAULT 21
#define EXC_VIRTUAL_INSN 22
#define EXC_STORE_GUEST_PAGE_FAULT 23

/* hcounteren: cycle, time, instret readable in VS/VU (8.2.5). */
#define HCOUNTEREN_CY_TM_IR 0x7UL
/* henvcfg.STCE: the guest's stimecmp is vstimecmp (Sstc, 8.2.6). */
#define HENVCFG_STCE (1UL << 63)

/* hgatp (8.2.10) */
#define HGATP_MODE_SHIFT 60
#define HGATP_MODE_SV39X4 8ULL
#define HGATP_MODE_SV48X4 9ULL
#define HGATP_MODE_SV57X4 10ULL
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK 0x3fffULL

/* Expand CSR_* names to numbers before they reach the assembler. */
#define __csr_str(csr) #csr
#define __csr_num(csr) __csr_str(csr)

#define csr_read(csr)                                                               \
	({                                                                          \
		unsigned long __v;                                                  \
		__asm__ volatile("csrr %0, " __csr_num(csr) : "=r"(__v)::"memory"); \
		__v;                                                                \
	})

#define csr_write(csr, val) \
	__asm__ volatile("csrw " __csr_num(csr) ", %0" ::"rK"((unsigned long)(val)) : "memory")

#define csr_set(csr, val) \
	__asm__ volatile("csrs " __csr_num(csr) ", %0" ::"rK"((unsigned long)(val)) : "memory")

#define csr_clear(csr, val) \
	__asm__ volatile("csrc " __csr_num(csr) ", %0" ::"rK"((unsigned long)(val)) : "memory")

/* The time CSR (rdtime): the system counter that timer_ticks() reads. */
static inline u64 csr_time(void)
{
	unsigned long t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

/* hfence.gvma / hfence.vvma with rs1 = rs2 = x0: all addresses (8.3.2). */
static inline void hfence_gvma_all(void)
{
	__asm__ volatile(".insn r 0x73, 0, 0x31, x0, x0, x0" : : : "memory");
}

static inline void hfence_vvma_all(void)
{
	__asm__ volatile(".insn r 0x73, 0, 0x11, x0, x0, x0" : : : "memory");
}

#endif
