/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest MMIO instruction decoder (arch/riscv/mmio_decode.c). */
#ifndef ASM_MMIO_DECODE_H
#define ASM_MMIO_DECODE_H

#include <shyper/types.h>

/**
 * struct mmio_insn - a decoded load or store
 * @len: 2 or 4 bytes
 * @reg: rd of a load, rs2 of a store
 * @sign: sign-extend the loaded value
 */
struct mmio_insn {
	unsigned int len;
	unsigned int reg;
	unsigned int width;
	bool write;
	bool sign;
};

/**
 * riscv_mmio_decode() - decode @insn (a 32-bit instruction when its low
 * bits are 0b11, else a compressed one in its low half)
 * Return: 0, or -EINVAL when it is no plain load or store.
 */
int riscv_mmio_decode(u32 insn, struct mmio_insn *d);

#endif
