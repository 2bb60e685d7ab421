// SPDX-License-Identifier: GPL-2.0-only
/* dt_fuzz.c built with the riscv CPU node code (riscv,isa parsing). */
#include "dt_fuzz.c"
