/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_SPINLOCK_H
#define SHYPER_SPINLOCK_H

#include <shyper/types.h>

struct spinlock {
	u32 locked;
};

static inline void spin_lock(struct spinlock *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			;
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

#endif
