// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ChaCha20 block function, written from RFC 8439 section 2.3
 * (tests/unit/chacha20_test.c checks the RFC's test vector of 2.3.2).
 */
#include <shyper/chacha20.h>

static u32 rotl(u32 v, unsigned int n)
{
	return v << n | v >> (32 - n);
}

/* RFC 8439 2.1: the quarter round on four words of the state. */
static void quarter_round(u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rotl(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotl(x[b] ^ x[c], 7);
}

void chacha20_block(const u32 key[CHACHA20_KEY_WORDS], u32 counter,
		    const u32 nonce[CHACHA20_NONCE_WORDS], u8 out[CHACHA20_BLOCK_BYTES])
{
	/* "expand 32-byte k", the key, the counter, the nonce (2.3). */
	u32 in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}, x[16];
	int i;

	for (i = 0; i < CHACHA20_KEY_WORDS; i++)
		in[4 + i] = key[i];
	in[12] = counter;
	for (i = 0; i < CHACHA20_NONCE_WORDS; i++)
		in[13 + i] = nonce[i];
	for (i = 0; i < 16; i++)
		x[i] = in[i];
	for (i = 0; i < 10; i++) { /* 20 rounds: a column and a diagonal round each */
		quarter_round(x, 0, 4, 8, 12);
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		quarter_round(x, 0, 5, 10, 15);
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++) {
		u32 v = x[i] + in[i];

		out[4 * i] = (u8)v;
		out[4 * i + 1] = (u8)(v >> 8);
		out[4 * i + 2] = (u8)(v >> 16);
		out[4 * i + 3] = (u8)(v >> 24);
	}
}
