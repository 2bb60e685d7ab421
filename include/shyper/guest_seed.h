/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entropy for guests: every VM gets its own /chosen/rng-seed, as a
 * bootloader gives one to the host (Documentation/security.md, "Entropy
 * for guests"). Without one a Linux guest starts with an empty entropy
 * pool and spends its early boot gathering some (on riscv64 about 12 % of
 * its boot). The seeds come from the host's own seed through a keyed
 * pseudo-random function, so no VM can learn another's or the host's.
 */
#ifndef SHYPER_GUEST_SEED_H
#define SHYPER_GUEST_SEED_H

#include <shyper/types.h>

#define GUEST_SEED_BYTES 64

/**
 * guest_seed_init() - take the key from the host DT's /chosen rng-seed
 * and kaslr-seed (folded into 256 bits); once, at boot.
 * Return: the number of seed bytes the host DT had (0: VMs get no seed).
 */
unsigned int guest_seed_init(const void *host_fdt);

/**
 * guest_seed_derive() - the seed of VM @vm_id's @incarnation-th load:
 * ChaCha20 keyed with the host key, nonce (@vm_id, @incarnation, low
 * half of @salt), block counter the high half (@salt: the counter at
 * load time, so that even a reused key gives fresh seeds on hardware).
 */
void guest_seed_derive(u32 vm_id, u64 incarnation, u64 salt, u8 out[GUEST_SEED_BYTES]);

/**
 * guest_seed_set() - put the seed of (@vm_id, @incarnation) into @fdt's
 * /chosen (a finished tree in a buffer of @size bytes) when the host had one.
 * Return: 0, or a libfdt error.
 */
int guest_seed_set(void *fdt, size_t size, u32 vm_id, u64 incarnation);

#endif
