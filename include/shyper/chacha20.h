/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_CHACHA20_H
#define SHYPER_CHACHA20_H

#include <shyper/types.h>

#define CHACHA20_KEY_WORDS 8
#define CHACHA20_NONCE_WORDS 3
#define CHACHA20_BLOCK_BYTES 64

/**
 * chacha20_block() - one 64-byte block of the ChaCha20 stream for @key,
 * @nonce and block @counter (RFC 8439, section 2.3: 20 rounds, the input
 * added back, serialised little-endian). Used as a keyed pseudo-random
 * function: distinct (@nonce, @counter) give independent blocks.
 */
void chacha20_block(const u32 key[CHACHA20_KEY_WORDS], u32 counter,
		    const u32 nonce[CHACHA20_NONCE_WORDS], u8 out[CHACHA20_BLOCK_BYTES]);

#endif
