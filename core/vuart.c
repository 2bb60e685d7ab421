// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual UART plumbing shared by the register models: line-buffered
 * output tagged with the VM's name, and a receive FIFO fed by the console
 * multiplexer. A VM's output is copied into the console only when a line
 * is complete (or the buffer is full), so one VM cannot hold the console
 * while another prints.
 */
#define pr_fmt(fmt) "vuart: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/console.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

static struct vuart vuarts[VM_MAX];
static unsigned int nr_vuarts;

static void flush_line(struct vuart *vu)
{
	char out[VUART_LINE + 48];
	int n = fmt_snprintf(out, sizeof(out), "[%s] %.*s\n", vu->vm->cfg->label, (int)vu->line_len,
			     vu->line);

	console_write(out, MIN((size_t)n, sizeof(out) - 1));
	vu->line_len = 0;
}

void vuart_putc(struct vuart *vu, char c)
{
	if (c == '\r')
		return;
	if (c == '\n') {
		flush_line(vu);
		return;
	}
	vu->line[vu->line_len++] = c;
	if (vu->line_len == VUART_LINE)
		flush_line(vu);
}

int vuart_rx_pop(struct vuart *vu)
{
	int c;

	if (!vu->rx_count)
		return -1;
	c = vu->rx[vu->rx_head];
	vu->rx_head = (vu->rx_head + 1) % VUART_RX;
	vu->rx_count--;
	return c;
}

unsigned int vuart_rx_count(const struct vuart *vu)
{
	return vu->rx_count;
}

void vuart_update_irq(struct vuart *vu, bool level)
{
	if (level == vu->level)
		return;
	vu->level = level;
	vuart_arch_set_irq(vu->vm, vu->irq, level);
}

/* Input for @vu from the multiplexer; dropped when the FIFO is full. */
static void rx_push(struct vuart *vu, char c)
{
	spin_lock(&vu->lock);
	if (vu->rx_count < VUART_RX) {
		vu->rx[(vu->rx_head + vu->rx_count) % VUART_RX] = (u8)c;
		vu->rx_count++;
	}
	vuart_pl011_update(vu);
	spin_unlock(&vu->lock);
}

struct vuart *vuart_find(u32 vm_id)
{
	unsigned int i;

	for (i = 0; i < nr_vuarts; i++)
		if (vuarts[i].vm->cfg->id == vm_id)
			return &vuarts[i];
	return NULL;
}

void vuart_deliver(struct vuart *vu, char c)
{
	rx_push(vu, c);
}

int vuart_init(struct vm *vm)
{
	const struct console *con = console_get();
	const struct platform_device *dev = platform_find_device(DEVICE_SERIAL);
	struct vuart *vu;
	u64 size;

	if (!con || !dev || nr_vuarts == VM_MAX)
		return -ENODEV;
	if (fdt_node_check_compatible(platform.fdt, dev->node, "arm,pl011"))
		return -ENOTSUP; /* only the PL011 model exists so far */
	vu = &vuarts[nr_vuarts++];
	memset(vu, 0, sizeof(*vu));
	vu->vm = vm;
	vu->irq = console_irq();
	if (dt_read_reg(platform.fdt, dev->node, 0, &vu->base, &size))
		return -EINVAL;
	vm->vuart = vu;
	return vm_register_mmio(vm, vu->base, PAGE_SIZE, vuart_pl011_access, vu);
}
