/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HS-mode entry. The image starts with the RISC-V Linux Image header
 * (Linux Documentation/arch/riscv/boot-image-header.rst) so U-Boot's booti
 * starts it in place: hart id in a0, DTB in a1, any hart may be first.
 *
 * Shyper is linked at 0 as a position-independent executable and applies
 * its own R_RISCV_RELATIVE relocations.
 */
#define R_RISCV_RELATIVE 3

	.section .text.head, "ax"
	.globl	_head
_head:
	j	primary_entry		/* code0 (4 bytes with code1) */
	.balign	8
	/* booti moves the image to RAM base + text_offset: keep clear of the SBI firmware at the RAM base, as Linux does. */
	.quad	0x200000		/* text_offset */
	.quad	__image_end - _head	/* image_size, bss included; a difference needs no relocation */
	.quad	0			/* flags: little endian */
	.word	2			/* version 0.2 */
	.word	0			/* res1 */
	.quad	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2 */
	.word	0			/* res3 */

primary_entry:
	csrw	sie, zero
	/*
	 * U-Boot built with SMP sends every hart it holds to booti's entry:
	 * the first one boots, the others give themselves back to the SBI
	 * (HSM HART_STOP) so that they are started later like any secondary
	 * (HART_START of a hart still running answers ALREADY_AVAILABLE).
	 * lla is PC-relative: this runs before the relocation.
	 */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, lottery_lost
	csrw	sscratch, zero		/* in the hypervisor (arch/riscv/trap.S) */
	mv	s0, a0			/* boot hart id */
	mv	s1, a1			/* DTB */
	lla	sp, boot_stack_top
	call	relocate
	call	clear_bss
	lla	t0, boot_hartid
	sd	s0, 0(t0)
	call	install_trap_vector
	mv	a0, s1
	call	mm_early_init		/* translation on before any lock (core/mm.c) */
	mv	a0, s1
	call	shyper_main
	j	park

/* Apply .rela.dyn: *(base + offset) = base + addend for RELATIVE entries. */
relocate:
	lla	t0, _head
	lla	t1, __rela_start
	lla	t2, __rela_end
1:	bgeu	t1, t2, 2f
	ld	t3, 0(t1)		/* r_offset */
	ld	t4, 8(t1)		/* r_info */
	ld	t5, 16(t1)		/* r_addend */
	addi	t1, t1, 24
	li	t6, R_RISCV_RELATIVE
	bne	t4, t6, 1b
	add	t5, t5, t0
	add	t3, t3, t0
	sd	t5, 0(t3)
	j	1b
2:	ret

clear_bss:
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	ret

install_trap_vector:
	lla	t0, hs_trap_entry
	csrw	stvec, t0
	ret

/*
 * Secondary harts arrive from SBI HSM HART_START: hart id in a0, the
 * opaque argument (their struct cpu) in a1; the image is relocated.
 */
	.globl	secondary_entry
secondary_entry:
	csrw	sie, zero
	csrw	sscratch, zero
	lla	t0, mm_boot_satp	/* the boot hart's tables (arch/riscv/mm.c) */
	ld	t0, 0(t0)
	sfence.vma
	csrw	satp, t0
	sfence.vma
	mv	s1, a1
	ld	sp, 0(s1)		/* struct cpu.stack_top */
	call	install_trap_vector
	mv	a0, s1
	call	secondary_main
park:
	wfi
	j	park

lottery_lost:
	li	a7, 0x48534d		/* SBI_EXT_HSM */
	li	a6, 1			/* SBI_HSM_HART_STOP: does not return on success */
	ecall
	j	park

	/* Not .bss: the winner clears .bss while the others may still look. */
	.section .data, "aw"
	.balign	4
boot_lottery:
	.word	0

	/* Its own section: the linker script puts a guard page below it. */
	.section .stack, "aw", @nobits
	.balign	4096
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
