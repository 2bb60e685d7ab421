/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_TYPES_H
#define SHYPER_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

/* A host-physical address. */
typedef uint64_t paddr_t;
/* A logical CPU number: the index of the CPU in Shyper's tables. */
typedef unsigned int cpuid_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define SZ_1K 0x400UL
#define SZ_4K 0x1000UL
#define SZ_1M 0x100000UL
#define SZ_2M 0x200000UL
#define PAGE_SIZE SZ_4K

#define __init __attribute__((section(".init.text")))
#define __initdata __attribute__((section(".init.data")))
#define __noreturn __attribute__((noreturn))

#endif
