/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The image layout of every architecture. Linked at 0 and relocated at run
 * time (arch/<arch>/head.S); the architecture names itself in
 * <asm/lds.h> (LDS_OUTPUT_ARCH).
 */
#include <asm/lds.h>

OUTPUT_ARCH(LDS_OUTPUT_ARCH)
ENTRY(_head)

SECTIONS
{
	. = 0;
	__image_start = .;
	__text_start = .;
	/*
	 * Linked with --gc-sections: what nothing references goes, except the
	 * entry, the exception vectors (reached through VBAR_EL2 / stvec) and
	 * the tables walked through __start_/__stop_ symbols (KEEP).
	 */
	.text : {
		KEEP(*(.text.head))
		KEEP(*(.text.vectors))
		KEEP(*(.text.trap))
		*(.text .text.*)
		/* Boot-only code (__init), pages of its own: unmapped by mm_free_init(). */
		. = ALIGN(4096);
		__init_text_start = .;
		*(.init.text)
		. = ALIGN(4096);
		__init_text_end = .;
	}
	. = ALIGN(4096);
	__text_end = .;
	/* Read-only once relocated: rodata, relocations, GOT (include/shyper/mm.h). */
	__rodata_start = .;
	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__start_shyper_drivers = .;
		KEEP(*(shyper_drivers))
		__stop_shyper_drivers = .;
		__start_shyper_driver_hw = .;
		KEEP(*(shyper_driver_hw))
		__stop_shyper_driver_hw = .;
		__start_shyper_irq_xlate = .;
		KEEP(*(shyper_irq_xlate))
		__stop_shyper_irq_xlate = .;
	}
	/* Symbols outside the section: its size is final only after linking. */
	.rela.dyn : { *(.rela .rela.*) }
	__rela_start = ADDR(.rela.dyn);
	__rela_end = ADDR(.rela.dyn) + SIZEOF(.rela.dyn);
	.data.rel.ro : { *(.data.rel.ro .data.rel.ro.*) }
	.dynamic : { *(.dynamic) }
	.got : { *(.got .got.*) }
	. = ALIGN(4096);
	__rodata_end = .;
	__data_start = .;
	.data : {
		/* Boot-only data (__initdata), unmapped with the init text. */
		__init_data_start = .;
		*(.init.data)
		. = ALIGN(4096);
		__init_data_end = .;
		*(.data .data.*)
	}
	. = ALIGN(16);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
	}
	/* The boot stack, with an unmapped guard page below it. */
	. = ALIGN(4096);
	__stack_guard = .;
	. += 4096;
	.stack (NOLOAD) : { *(.stack) }
	. = ALIGN(16);
	__bss_end = .;
	. = ALIGN(4096);
	__image_end = .;
	__image_size = __image_end - __image_start;

	/DISCARD/ : { *(.interp) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash) *(.comment) *(.note*) *(.eh_frame*) }
}
