/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few Linux system calls the guest tools make, for arm64 and riscv64
 * (both use the asm-generic numbers of include/uapi/asm-generic/unistd.h),
 * so that the tools link statically without a C library: the cross
 * compilers the project uses have none.
 */
#ifndef SHM_SYS_H
#define SHM_SYS_H

#include <stddef.h>
#include <stdint.h>

#define SYS_openat 56
#define SYS_close 57
#define SYS_getdents64 61
#define SYS_read 63
#define SYS_write 64
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_clock_gettime 113
#define SYS_rt_sigaction 134
#define SYS_mmap 222

#define AT_FDCWD -100
#define O_RDONLY 0
#define O_RDWR 2
#define O_SYNC 0x101000 /* both use asm-generic values here; arm64 differs for O_DIRECTORY */
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 1
#define SIGBUS 7
#define SIGSEGV 11
#define CLOCK_MONOTONIC 1

static inline long sys_call6(long nr, long a, long b, long c, long d, long e, long f)
{
#if defined(__aarch64__)
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
#elif defined(__riscv)
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
#else
#error "arm64 or riscv64 only"
#endif
}

#define sys_call(nr, a, b, c) sys_call6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* The kernel's struct sigaction: arm64 has sa_restorer, riscv64 does not. */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
#ifdef __aarch64__
	void (*restorer)(void);
#endif
	uint64_t mask;
};

struct k_timespec {
	long sec;
	long nsec;
};

#endif
