// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bench mode's sampling and report (bench.h): for each operation, the
 * median, minimum, maximum and mean of BENCH_SAMPLES samples, in
 * nanoseconds of the guest's counter. Under -icount shift=0 a nanosecond
 * is one emulated instruction, so these are instruction counts; a latency
 * sample is a whole number of counter ticks (16 instructions on QEMU
 * virt), so its median and extremes are multiples of 16 and its mean is
 * the finer figure.
 */
#include "bench.h"
#include "guest-arch.h"
#include "shmem.h"

static const struct fdt_info *binfo;
static uint64_t samples[BENCH_SAMPLES];
volatile uint64_t bench_irq_at;

void bench_irq_seen(uint64_t intid __attribute__((unused)))
{
	bench_irq_at = arch_counter();
}

/* One sample, in thousandths of a counter tick per call. */
static uint64_t sample(const struct bench_op *op)
{
	uint64_t start;
	int i;

	if (op->latency)
		return op->latency() * 1000;
	start = arch_counter();
	for (i = 0; i < BENCH_BATCH; i++)
		op->call();
	return (arch_counter() - start) * 1000 / BENCH_BATCH;
}

static void sort(uint64_t *v, unsigned int n)
{
	unsigned int i, j;
	uint64_t x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void put_ns(const char *field, uint64_t mticks)
{
	puts_uart(field);
	put_dec(mticks * 1000000 / arch_counter_freq(binfo));
}

static void measure(const struct bench_op *op)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < BENCH_SAMPLES; i++) {
		samples[i] = sample(op);
		sum += samples[i];
	}
	sort(samples, BENCH_SAMPLES);
	puts_uart("BENCH ");
	puts_uart(op->name);
	put_ns(" median=", samples[BENCH_SAMPLES / 2]);
	put_ns(" min=", samples[0]);
	put_ns(" max=", samples[BENCH_SAMPLES - 1]);
	put_ns(" mean=", sum / BENCH_SAMPLES);
	puts_uart("\n");
}

#define BENCH_MAX_OPS 16
static struct bench_op ops[BENCH_MAX_OPS];
static unsigned int nr_ops;

void bench_add(const char *name, void (*call)(void), uint64_t (*latency)(void))
{
	if (nr_ops == BENCH_MAX_OPS) {
		puts_uart("BENCH FAILED: more than BENCH_MAX_OPS operations, not measured: ");
		puts_uart(name);
		puts_uart("\n");
		return;
	}
	ops[nr_ops].name = name;
	ops[nr_ops].call = call;
	ops[nr_ops].latency = latency;
	nr_ops++;
}

void bench_main(const struct fdt_info *info)
{
	unsigned int i;

	binfo = info;
	nr_ops = 0; /* .bss is not zeroed for us */
	bench_add("hypercall", arch_firmware_nop, 0);
	bench_add("mmio_read", uart_status, 0);
	arch_bench_ops(info);
	if (!shmem_bench_init(info)) /* a region "ping" with a "shmem-echo" peer */
		bench_add("doorbell_roundtrip", 0, shmem_bench_roundtrip);
	for (i = 0; i < nr_ops; i++)
		measure(&ops[i]);
	puts_uart("BENCH done\n");
}
