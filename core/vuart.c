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
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

static struct vuart vuarts[VM_MAX];
static unsigned int nr_vuarts;
static const struct vuart_ops *model;

/* Room for the label, and for every character of the line escaped as "\xNN". */
#define LABEL_ROOM (CONSOLE_LABEL_MAX + 3) /* "[", label, "] " */
#define VUART_OUT_MAX (LABEL_ROOM + VUART_LINE * 4 + 1)

static void flush_line(struct vuart *vu)
{
	char out[VUART_OUT_MAX];
	bool raw = console_mux_focus() == vu->vm->cfg->id;
	size_t n =
	    console_format_line(out, sizeof(out), vu->vm->cfg->label, vu->line, vu->line_len, raw);

	console_write(out, n);
	vu->line_len = 0;
}

/* Called by the models under @vu's lock. */
void vuart_putc(struct vuart *vu, char c)
{
	vu->hist[vu->hist_end % VUART_HISTORY] = (u8)c;
	vu->hist_end++;
	if (c == '\n') {
		flush_line(vu);
		return;
	}
	vu->line[vu->line_len++] = c;
	if (vu->line_len == VUART_LINE)
		flush_line(vu);
}

int vuart_rx_pop_entry(struct vuart *vu)
{
	int c;

	if (!vu->rx_count)
		return -1;
	c = vu->rx[vu->rx_head];
	vu->rx_head = (vu->rx_head + 1) % VUART_RX;
	vu->rx_count--;
	return c;
}

int vuart_rx_pop(struct vuart *vu)
{
	int c;

	while ((c = vuart_rx_pop_entry(vu)) == VUART_RX_BREAK)
		;
	return c;
}

bool vuart_rx_break_next(const struct vuart *vu)
{
	return vu->rx_count && vu->rx[vu->rx_head] == VUART_RX_BREAK;
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

/*
 * Input for @vu from the multiplexer. The queue holds a pasted script of
 * VUART_RX bytes while the guest drains it; beyond that, input is dropped
 * (the guest is not reading), counted and reported once per burst.
 */
/* One entry, the lock held. */
static void rx_push_locked(struct vuart *vu, u16 c)
{
	if (vu->rx_count == VUART_RX) {
		if (!vu->rx_dropped++)
			pr_warn("vm%u: input queue full (%u characters): dropping input\n",
				vu->vm->cfg->id, VUART_RX);
	} else {
		if (vu->rx_dropped)
			pr_warn("vm%u: %u input character(s) dropped\n", vu->vm->cfg->id,
				vu->rx_dropped);
		vu->rx_dropped = 0;
		vu->rx[(vu->rx_head + vu->rx_count) % VUART_RX] = c;
		vu->rx_count++;
	}
}

static void rx_push(struct vuart *vu, u16 c)
{
	spin_lock(&vu->lock);
	rx_push_locked(vu, c);
	vuart_update(vu);
	spin_unlock(&vu->lock);
}

void vuart_update(struct vuart *vu)
{
	model->update(vu);
}

struct vuart *vuart_find(u32 vm_id)
{
	unsigned int i;

	for (i = 0; i < nr_vuarts; i++)
		if (vuarts[i].vm && vuarts[i].vm->cfg->id == vm_id)
			return &vuarts[i];
	return NULL;
}

/* A free slot (its VM's build was unwound), else a new one. */
static struct vuart *slot_alloc(void)
{
	unsigned int i;

	for (i = 0; i < nr_vuarts; i++)
		if (!vuarts[i].vm)
			return &vuarts[i];
	return nr_vuarts < VM_MAX ? &vuarts[nr_vuarts++] : NULL;
}

void vuart_exit(struct vm *vm)
{
	if (!vm->vuart)
		return;
	memset(vm->vuart, 0, sizeof(*vm->vuart));
	vm->vuart = NULL;
}

void vuart_deliver(struct vuart *vu, char c)
{
	rx_push(vu, (u8)c);
}

unsigned int vuart_input(struct vuart *vu, const char *s, unsigned int len)
{
	unsigned int n;

	for (n = 0; n < len && vuart_rx_count(vu) < VUART_RX; n++)
		rx_push(vu, (u8)s[n]);
	return n;
}

int vuart_send_sysrq(struct vuart *vu, char key)
{
	int err = -EAGAIN;

	/* Both or neither: a BREAK alone would make the next typed key a SysRq command. */
	spin_lock(&vu->lock);
	if (VUART_RX - vu->rx_count >= 2) {
		rx_push_locked(vu, VUART_RX_BREAK);
		rx_push_locked(vu, (u8)key);
		vuart_update(vu);
		err = 0;
	}
	spin_unlock(&vu->lock);
	return err;
}

unsigned int vuart_history_read(struct vuart *vu, u32 from, u8 *buf, unsigned int max, u32 *next,
				u32 *oldest)
{
	unsigned int n;
	u32 kept;

	spin_lock(&vu->lock);
	kept = MIN(vu->hist_end, (u32)VUART_HISTORY);
	*oldest = vu->hist_end - kept;
	/* Unsigned distances: correct across the 2^32 wrap. */
	if (vu->hist_end - from > kept)
		from = *oldest;
	for (n = 0; n < max && from != vu->hist_end; n++, from++)
		buf[n] = vu->hist[from % VUART_HISTORY];
	*next = from;
	spin_unlock(&vu->lock);
	return n;
}

int vuart_init(struct vm *vm)
{
	const struct console *con = console_get();
	const struct platform_device *dev = platform_find_device(DEVICE_SERIAL);
	struct vuart *vu;
	u32 shift = 0, io_width = 1;
	int err;

	if (!con || !dev)
		return -ENODEV;
	model = vuart_model_for(platform.fdt, dev->node);
	if (!model)
		return -ENOTSUP; /* refused at validation (vm_validate.c check_vuart) */
	vu = slot_alloc();
	if (!vu)
		return -ENOSPC;
	memset(vu, 0, sizeof(*vu));
	/* The guest's address, as its DT says (struct vm_layout). */
	vu->base = vm->cfg->layout.vuart.base;
	vu->irq = console_irq();
	dt_read_u32(platform.fdt, dev->node, "reg-shift", &shift);
	dt_read_u32(platform.fdt, dev->node, "reg-io-width", &io_width);
	if (model->init)
		model->init(vu, shift, io_width);
	err = vm_register_mmio(vm, vu->base, PAGE_SIZE, model->access, vu);
	if (err)
		return err; /* the slot stays free: vu->vm is NULL */
	vu->vm = vm;
	vm->vuart = vu;
	return 0;
}
