// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/virtq.c against hostile rings: every chain that loops, leaves the
 * VM's RAM, overflows a length, breaks the order of readable and writable
 * buffers or exceeds a bound is refused with its reason, and a good chain
 * reads and writes exactly the guest bytes it names, across index wraps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <shyper/errno.h>
#include <shyper/virtq.h>
#include <shyper/vm_config.h>

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x20000ULL
#define DESC_GPA (RAM_GPA + 0x1000)
#define AVAIL_GPA (RAM_GPA + 0x2000)
#define USED_GPA (RAM_GPA + 0x3000)
#define BUF_GPA (RAM_GPA + 0x8000)
#define QSIZE 128

static u8 ram[RAM_SIZE] __attribute__((aligned(4096)));
static struct vm_config vm;
static struct virtq q;
static struct virtq_chain chain;
static struct virtq_error err;

static void *gpa(u64 a)
{
	return ram + (a - RAM_GPA);
}

static struct virtq_desc *desc(unsigned int i)
{
	return (struct virtq_desc *)gpa(DESC_GPA) + i;
}

static void set_desc(unsigned int i, u64 addr, u32 len, u16 flags, u16 next)
{
	*desc(i) = (struct virtq_desc){addr, len, flags, next};
}

static u16 *avail_idx(void)
{
	return (u16 *)gpa(AVAIL_GPA + 2);
}

/* The driver offers chain @head (2.7.13). */
static void offer(u16 head)
{
	u16 idx = *avail_idx();

	((u16 *)gpa(AVAIL_GPA + 4))[idx % QSIZE] = head;
	*avail_idx() = idx + 1;
}

static int setup(void **state)
{
	(void)state;
	memset(ram, 0, sizeof(ram));
	vm = (struct vm_config){.nr_mem = 1};
	vm.mem[0] = (struct vm_mem){.gpa = RAM_GPA, .size = RAM_SIZE, .hpa = (uintptr_t)ram};
	virtq_reset(&q);
	q.size = QSIZE;
	q.desc_gpa = DESC_GPA;
	q.avail_gpa = AVAIL_GPA;
	q.used_gpa = USED_GPA;
	assert_int_equal(virtq_enable(&vm, &q, &err), 0);
	memset(&err, 0, sizeof(err));
	return 0;
}

static void assert_refused(const char *what)
{
	u16 before = q.last_avail;

	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), -EINVAL);
	assert_non_null(err.what);
	assert_string_equal(err.what, what);
	assert_int_equal(q.last_avail, before);
}

static void test_good_chain(void **state)
{
	u8 out[12];

	(void)state;
	memcpy(gpa(BUF_GPA), "hello, ", 7);
	memcpy(gpa(BUF_GPA + 0x100), "world", 5);
	set_desc(3, BUF_GPA, 7, VIRTQ_DESC_F_NEXT, 9);
	set_desc(9, BUF_GPA + 0x100, 5, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF_GPA + 0x200, 64, VIRTQ_DESC_F_WRITE, 0);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 0); /* nothing offered yet */
	offer(3);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 1);
	assert_int_equal(chain.head, 3);
	assert_int_equal(chain.nr, 3);
	assert_int_equal(chain.nr_out, 2);
	assert_int_equal(chain.out_len, 12);
	assert_int_equal(chain.in_len, 64);
	assert_ptr_equal(chain.seg[2].host, gpa(BUF_GPA + 0x200));
	assert_int_equal(virtq_copy_out(&chain, 0, out, sizeof(out)), 12);
	assert_memory_equal(out, "hello, world", 12);
	assert_int_equal(virtq_copy_out(&chain, 5, out, 4), 4);
	assert_memory_equal(out, ", wo", 4);
	assert_int_equal(virtq_copy_in(&chain, 2, "abc", 3), 3);
	assert_memory_equal(gpa(BUF_GPA + 0x202), "abc", 3);
	assert_int_equal(virtq_copy_in(&chain, 60, "abcdefgh", 8), 4); /* the part is 64 bytes */
	virtq_push(&q, chain.head, 5);
	assert_int_equal(*(u16 *)gpa(USED_GPA + 2), 1);
	assert_int_equal(((struct virtq_used_elem *)gpa(USED_GPA + 4))[0].id, 3);
	assert_int_equal(((struct virtq_used_elem *)gpa(USED_GPA + 4))[0].len, 5);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 0);
}

static void test_indices_wrap(void **state)
{
	unsigned int i;

	(void)state;
	set_desc(0, BUF_GPA, 16, VIRTQ_DESC_F_WRITE, 0);
	for (i = 0; i < 70000; i++) {
		offer(0);
		assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 1);
		virtq_push(&q, chain.head, 16);
	}
	assert_int_equal(*(u16 *)gpa(USED_GPA + 2), (u16)70000);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 0);
}

static void test_loop(void **state)
{
	(void)state;
	set_desc(0, BUF_GPA, 8, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF_GPA, 8, VIRTQ_DESC_F_NEXT, 0);
	offer(0);
	assert_refused("chain too long (a loop?)");
}

static void test_self_loop(void **state)
{
	(void)state;
	set_desc(5, BUF_GPA, 0, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 5);
	offer(5);
	assert_refused("chain too long (a loop?)");
}

static void test_too_many_descriptors(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < VIRTQ_MAX_SEGS; i++)
		set_desc(i, BUF_GPA, 1, VIRTQ_DESC_F_NEXT, (u16)(i + 1));
	set_desc(VIRTQ_MAX_SEGS, BUF_GPA, 1, 0, 0);
	offer(0);
	assert_refused("chain too long (a loop?)");
	/* One fewer is accepted: the bound is exact. */
	set_desc(VIRTQ_MAX_SEGS - 1, BUF_GPA, 1, 0, 0);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 1);
	assert_int_equal(chain.nr, VIRTQ_MAX_SEGS);
}

static void test_small_queue_bounds_chain(void **state)
{
	(void)state;
	/* A queue of 2 holds chains of at most 2 descriptors (2.7.5.3.1). */
	q.size = 2;
	assert_int_equal(virtq_enable(&vm, &q, &err), 0);
	set_desc(0, BUF_GPA, 1, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF_GPA, 1, VIRTQ_DESC_F_NEXT, 0);
	((u16 *)gpa(AVAIL_GPA + 4))[0] = 0;
	*avail_idx() = 1;
	assert_refused("chain too long (a loop?)");
}

static void test_next_beyond_queue(void **state)
{
	(void)state;
	set_desc(0, BUF_GPA, 8, VIRTQ_DESC_F_NEXT, QSIZE);
	offer(0);
	assert_refused("descriptor index beyond the queue");
	assert_int_equal(err.index, QSIZE);
}

static void test_head_beyond_queue(void **state)
{
	(void)state;
	offer(0xffff);
	assert_refused("descriptor index beyond the queue");
}

static void test_outside_ram(void **state)
{
	(void)state;
	set_desc(0, RAM_GPA - 0x1000, 8, 0, 0);
	offer(0);
	assert_refused("buffer outside the VM's RAM");
	assert_int_equal(err.addr, RAM_GPA - 0x1000);
}

static void test_straddles_end_of_ram(void **state)
{
	(void)state;
	set_desc(0, RAM_GPA + RAM_SIZE - 4, 8, VIRTQ_DESC_F_WRITE, 0);
	offer(0);
	assert_refused("buffer outside the VM's RAM");
	/* Exactly up to the end is fine. */
	set_desc(0, RAM_GPA + RAM_SIZE - 8, 8, VIRTQ_DESC_F_WRITE, 0);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 1);
}

static void test_address_wraps(void **state)
{
	(void)state;
	set_desc(0, 0xfffffffffffff000ULL, 0x2000, 0, 0);
	offer(0);
	assert_refused("buffer outside the VM's RAM");
}

static void test_giant_length(void **state)
{
	(void)state;
	set_desc(0, BUF_GPA, 0xffffffffU, 0, 0);
	offer(0);
	assert_refused("chain longer than the byte bound");
}

static void test_lengths_overflow(void **state)
{
	(void)state;
	/* Two lengths whose u32 sum wraps to something small. */
	set_desc(0, BUF_GPA, 0x80000000U, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF_GPA, 0x80000010U, 0, 0);
	offer(0);
	assert_refused("chain longer than the byte bound");
	/* Each under the bound, the sum over it. */
	set_desc(0, RAM_GPA, (u32)RAM_SIZE, VIRTQ_DESC_F_NEXT, 1);
	for (unsigned int i = 1; i < 10; i++)
		set_desc(i, RAM_GPA, (u32)RAM_SIZE, VIRTQ_DESC_F_NEXT, (u16)(i + 1));
	set_desc(10, RAM_GPA, (u32)RAM_SIZE, 0, 0);
	assert_refused("chain longer than the byte bound");
}

static void test_indirect(void **state)
{
	(void)state;
	set_desc(0, BUF_GPA, 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0);
	assert_refused("indirect descriptor (VIRTIO_F_INDIRECT_DESC not offered)");
}

static void test_readable_after_writable(void **state)
{
	(void)state;
	set_desc(0, BUF_GPA, 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF_GPA, 16, 0, 0);
	offer(0);
	assert_refused("device-readable descriptor after a writable one");
}

static void test_avail_index_jump(void **state)
{
	(void)state;
	set_desc(0, BUF_GPA, 16, 0, 0);
	*avail_idx() = QSIZE + 1;
	assert_refused("available index ahead by more than the queue size");
	*avail_idx() = QSIZE; /* a full ring is fine */
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 1);
}

static void test_not_ready(void **state)
{
	(void)state;
	virtq_reset(&q);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), -EINVAL);
	assert_string_equal(err.what, "notification for a queue that is not ready");
}

static void enable_refused(const char *what)
{
	assert_int_equal(virtq_enable(&vm, &q, &err), -EINVAL);
	assert_string_equal(err.what, what);
	assert_false(q.ready);
}

static void test_enable_sizes(void **state)
{
	static const u16 bad[] = {0, 3, 100, VIRTQ_MAX_SIZE + 1, VIRTQ_MAX_SIZE * 2, 0xffff};
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		q.size = bad[i];
		enable_refused("queue size is not a power of two up to the maximum");
	}
	q.size = 1;
	assert_int_equal(virtq_enable(&vm, &q, &err), 0);
	q.size = VIRTQ_MAX_SIZE;
	assert_int_equal(virtq_enable(&vm, &q, &err), 0);
}

static void test_enable_alignment(void **state)
{
	(void)state;
	q.desc_gpa = DESC_GPA + 8;
	enable_refused("ring area misaligned");
	q.desc_gpa = DESC_GPA;
	q.avail_gpa = AVAIL_GPA + 1;
	enable_refused("ring area misaligned");
	q.avail_gpa = AVAIL_GPA;
	q.used_gpa = USED_GPA + 2;
	enable_refused("ring area misaligned");
}

static void test_enable_outside_ram(void **state)
{
	(void)state;
	q.desc_gpa = RAM_GPA + RAM_SIZE - 16 * QSIZE + 16; /* last entry beyond RAM */
	enable_refused("descriptor table outside the VM's RAM");
	q.desc_gpa = DESC_GPA;
	q.avail_gpa = 0x1000;
	enable_refused("available ring outside the VM's RAM");
	q.avail_gpa = AVAIL_GPA;
	q.used_gpa = RAM_GPA + RAM_SIZE - 4;
	enable_refused("used ring outside the VM's RAM");
}

static void test_second_ram_range(void **state)
{
	static u8 high[0x1000] __attribute__((aligned(16)));

	(void)state;
	/* A buffer in the VM's second range reaches that range's backing. */
	vm.mem[1] =
	    (struct vm_mem){.gpa = 0x80000000ULL, .size = sizeof(high), .hpa = (uintptr_t)high};
	vm.nr_mem = 2;
	set_desc(0, 0x80000010ULL, 8, VIRTQ_DESC_F_WRITE, 0);
	offer(0);
	assert_int_equal(virtq_pop(&vm, &q, &chain, &err), 1);
	assert_ptr_equal(chain.seg[0].host, high + 0x10);
	/* Not across the gap between the two ranges. */
	set_desc(0, RAM_GPA + RAM_SIZE - 8, 0x1000, VIRTQ_DESC_F_WRITE, 0);
	offer(0);
	assert_refused("buffer outside the VM's RAM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_good_chain, setup),
	    cmocka_unit_test_setup(test_indices_wrap, setup),
	    cmocka_unit_test_setup(test_loop, setup),
	    cmocka_unit_test_setup(test_self_loop, setup),
	    cmocka_unit_test_setup(test_too_many_descriptors, setup),
	    cmocka_unit_test_setup(test_small_queue_bounds_chain, setup),
	    cmocka_unit_test_setup(test_next_beyond_queue, setup),
	    cmocka_unit_test_setup(test_head_beyond_queue, setup),
	    cmocka_unit_test_setup(test_outside_ram, setup),
	    cmocka_unit_test_setup(test_straddles_end_of_ram, setup),
	    cmocka_unit_test_setup(test_address_wraps, setup),
	    cmocka_unit_test_setup(test_giant_length, setup),
	    cmocka_unit_test_setup(test_lengths_overflow, setup),
	    cmocka_unit_test_setup(test_indirect, setup),
	    cmocka_unit_test_setup(test_readable_after_writable, setup),
	    cmocka_unit_test_setup(test_avail_index_jump, setup),
	    cmocka_unit_test_setup(test_not_ready, setup),
	    cmocka_unit_test_setup(test_enable_sizes, setup),
	    cmocka_unit_test_setup(test_enable_alignment, setup),
	    cmocka_unit_test_setup(test_enable_outside_ram, setup),
	    cmocka_unit_test_setup(test_second_ram_range, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
