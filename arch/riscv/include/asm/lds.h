/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_LDS_H
#define ASM_LDS_H

#define LDS_OUTPUT_ARCH riscv

#endif
