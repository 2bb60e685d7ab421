// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-VM /chosen/rng-seed (include/shyper/guest_seed.h). The host's seed
 * bytes are folded by XOR into a 256-bit ChaCha20 key; each VM load gets
 * one block of the stream with its own nonce. Linux (drivers/of/fdt.c)
 * credits rng-seed as entropy and wipes it from its copy of the tree.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/chacha20.h>
#include <shyper/guest_seed.h>
#include <shyper/printk.h>
#include <shyper/timer.h>

static u32 key[CHACHA20_KEY_WORDS];
static unsigned int key_bytes;

static void fold(const u8 *p, int len)
{
	int i;

	for (i = 0; i < len; i++, key_bytes++)
		key[key_bytes / 4 % CHACHA20_KEY_WORDS] ^= (u32)p[i] << (key_bytes % 4 * 8);
}

unsigned int guest_seed_init(const void *host_fdt)
{
	static const char *const props[] = {"rng-seed", "kaslr-seed"};
	int chosen = fdt_path_offset(host_fdt, "/chosen"), len;
	unsigned int i;

	memset(key, 0, sizeof(key));
	key_bytes = 0;
	for (i = 0; chosen >= 0 && i < ARRAY_SIZE(props); i++) {
		const u8 *p = fdt_getprop(host_fdt, chosen, props[i], &len);

		if (p && len > 0)
			fold(p, len);
	}
	return key_bytes;
}

void guest_seed_derive(u32 vm_id, u64 incarnation, u64 salt, u8 out[GUEST_SEED_BYTES])
{
	const u32 nonce[CHACHA20_NONCE_WORDS] = {vm_id, (u32)incarnation, (u32)salt};

	chacha20_block(key, (u32)(salt >> 32) ^ (u32)(incarnation >> 32), nonce, out);
}

int guest_seed_set(void *fdt, size_t size, u32 vm_id, u64 incarnation)
{
	u8 seed[GUEST_SEED_BYTES];
	int chosen, res;

	if (!key_bytes)
		return 0;
	res = fdt_open_into(fdt, fdt, (int)size);
	chosen = res ? res : fdt_path_offset(fdt, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	if (chosen < 0)
		return chosen;
	guest_seed_derive(vm_id, incarnation, timer_ticks(), seed);
	res = fdt_setprop(fdt, chosen, "rng-seed", seed, sizeof(seed));
	memset(seed, 0, sizeof(seed));
	return res ? res : fdt_pack(fdt);
}
