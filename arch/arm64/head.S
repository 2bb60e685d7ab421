/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 entry. The image starts with the arm64 Linux Image header
 * (Linux Documentation/arch/arm64/booting.rst) so that U-Boot's booti and
 * QEMU's -kernel load it; the DTB address arrives in x0.
 *
 * Shyper is linked at 0 as a position-independent executable and applies
 * its own R_AARCH64_RELATIVE relocations, so it runs wherever it is loaded.
 */
#define R_AARCH64_RELATIVE 1027
#define CURRENTEL_EL2 (2 << 2)

.macro adr_l, reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

	.section .text.head, "ax"
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	__image_end - _head	/* image_size, bss included; a difference needs no relocation */
	.quad	0xa			/* flags: LE, 4 KiB pages, anywhere in RAM */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

primary_entry:
	mov	x19, x0			/* DTB */
	mrs	x1, CurrentEL
	cmp	x1, #CURRENTEL_EL2
	b.ne	park			/* not at EL2: nothing we can do */
	adr_l	x0, boot_stack_top
	mov	sp, x0
	bl	relocate
	bl	clear_bss
	bl	install_vectors
	mov	x0, x19
	bl	mm_early_init		/* MMU and caches on before any lock (mm.c) */
	mov	x0, x19
	bl	shyper_main
	b	park

/* Apply .rela.dyn: *(base + offset) = base + addend for RELATIVE entries. */
relocate:
	adr_l	x0, _head
	adr_l	x1, __rela_start
	adr_l	x2, __rela_end
1:	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1], #16
	ldr	x5, [x1], #8
	cmp	w4, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x5, x5, x0
	str	x5, [x0, x3]
	b	1b
2:	ret

clear_bss:
	adr_l	x0, __bss_start
	adr_l	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	ret

install_vectors:
	adr_l	x0, el2_vectors
	msr	vbar_el2, x0
	isb
	ret

/*
 * Secondary CPUs arrive here from PSCI CPU_ON or the spin-table with
 * their struct cpu in x0 (context id); the image is already relocated.
 * With the MMU off they read only what the boot CPU cleaned to the point
 * of coherency (spin_table_cpu) or wrote with its own MMU off
 * (mm_boot_regs); struct cpu is read once the MMU is on.
 */
	.globl	spin_table_entry
spin_table_entry:
	adr_l	x0, spin_table_cpu
	ldr	x0, [x0]
	/* fall through */
	.globl	secondary_entry
secondary_entry:
	mov	x19, x0
	adr_l	x0, mm_boot_regs
	bl	mmu_on
	bl	install_vectors
	ldr	x1, [x19]		/* struct cpu.stack_top */
	mov	sp, x1
	mov	x0, x19
	bl	secondary_main
	/* fall through */
park:
	wfe
	b	park

	/* Its own section: the linker script puts a guard page below it. */
	.section .stack, "aw", %nobits
	.balign	4096
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
