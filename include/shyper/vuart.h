/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual UARTs and the console multiplexer: every VM writes to its own
 * virtual UART; complete lines reach the physical console tagged with the
 * VM's name. Input goes to one VM at a time: Ctrl-] then a VM id switches
 * (0 is the hypervisor's own console), see Documentation/console.md.
 */
#ifndef SHYPER_VUART_H
#define SHYPER_VUART_H

#include <shyper/control_abi.h>
#include <shyper/spinlock.h>
#include <shyper/types.h>

#define VUART_LINE 160
/* Input queue: a pasted 4 KiB script fits while the guest drains it. */
#define VUART_RX 4096
/* Output kept for the management VM (control_abi.h, CTL_CMD_CONSOLE_READ). */
#define VUART_HISTORY CTL_CONSOLE_HISTORY
#define CONSOLE_ESCAPE 0x1d /* Ctrl-] */
/* An input-queue entry that is a BREAK condition, not a character (vuart_send_sysrq()). */
#define VUART_RX_BREAK 0x100

struct vm;
struct vcpu;
struct mmio_access;

/**
 * struct vuart - one VM's virtual UART
 * @base: guest-physical base (the host console's address)
 * @irq: guest interrupt (the host console's)
 * @regs: register file of the emulated model
 */
struct vuart {
	struct vm *vm;
	u64 base;
	u32 irq;
	bool level;
	char line[VUART_LINE];
	unsigned int line_len;
	u16 rx[VUART_RX]; /* characters, or VUART_RX_BREAK */
	unsigned int rx_head, rx_count;
	unsigned int rx_dropped; /* since the queue became full */
	/* The last VUART_HISTORY output bytes; byte n at hist[n % VUART_HISTORY]. */
	u8 hist[VUART_HISTORY];
	u32 hist_end; /* bytes written since the build, modulo 2^32 */
	u32 regs[32];
	struct spinlock lock;
};

/**
 * struct vuart_ops - a register model (core/vuart_<model>.c)
 * @access: one guest register access
 * @update: recompute the interrupt line after new state
 * @init: register spacing from the console node (NULL: fixed)
 */
struct vuart_ops {
	int (*access)(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv);
	void (*update)(struct vuart *vu);
	void (*init)(struct vuart *vu, u32 reg_shift, u32 io_width);
};

/* Weak: host builds (the checker) ask which models exist without linking them. */
extern const struct vuart_ops vuart_pl011_ops __attribute__((weak));
extern const struct vuart_ops vuart_ns16550_ops __attribute__((weak));
extern const struct vuart_ops vuart_bcm2835_aux_ops __attribute__((weak));

/**
 * vuart_model_for() - the register model of console node @node, as this
 * build has them (CONFIG_VUART_*, core/vuart_model.c)
 * Return: its operations, or NULL when the build models no such console (in
 * host builds, the model's address even when it exists: test with
 * vuart_has_model()).
 */
const struct vuart_ops *vuart_model_for(const void *fdt, int node);

/** vuart_has_model() - whether this build has a model for console node @node. */
bool vuart_has_model(const void *fdt, int node);

/** vuart_putc() - a character the guest transmitted (line-buffered). */
void vuart_putc(struct vuart *vu, char c);

/** vuart_rx_pop() - next received character, or -1 (a BREAK is skipped: for SBI's console). */
int vuart_rx_pop(struct vuart *vu);

/** vuart_rx_pop_entry() - next input-queue entry (a character or VUART_RX_BREAK), or -1. */
int vuart_rx_pop_entry(struct vuart *vu);

/** vuart_rx_break_next() - whether the next entry is a BREAK (the models' line status). */
bool vuart_rx_break_next(const struct vuart *vu);

/** vuart_rx_count() - characters waiting. */
unsigned int vuart_rx_count(const struct vuart *vu);

/** vuart_update_irq() - drive the guest interrupt line to @level. */
void vuart_update_irq(struct vuart *vu, bool level);

/**
 * vuart_pl011_access() - emulate a PL011 (Arm DDI 0183) register access;
 * the model Linux's amba-pl011 driver runs
 */
int vuart_pl011_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv);

/** vuart_pl011_update() - recompute the PL011 interrupt line after new state. */
void vuart_pl011_update(struct vuart *vu);

/**
 * vuart_ns16550_access() - emulate a 16550A register access (TI PC16550D);
 * the model Linux's 8250 driver runs
 */
int vuart_ns16550_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv);

/** vuart_ns16550_update() - recompute the 16550 interrupt line after new state. */
void vuart_ns16550_update(struct vuart *vu);

/**
 * vuart_ns16550_init() - registers are 1 << @reg_shift bytes apart and
 * accessed @io_width bytes wide (or bytewise); other accesses abort
 */
void vuart_ns16550_init(struct vuart *vu, u32 reg_shift, u32 io_width);

/**
 * vuart_update() - recompute the interrupt line of @vu with its register
 * model, after its receive FIFO changed outside a register access (SBI
 * debug console reads); the caller holds @vu->lock
 */
void vuart_update(struct vuart *vu);

/** vuart_find() - the virtual UART of the VM with id @vm_id, or NULL. */
struct vuart *vuart_find(u32 vm_id);

/** vuart_deliver() - one character of input for @vu. */
void vuart_deliver(struct vuart *vu, char c);

/**
 * vuart_input() - up to @len characters of input for @vu, as if typed;
 * stops when the input queue is full
 * Return: how many were queued.
 */
unsigned int vuart_input(struct vuart *vu, const char *s, unsigned int len);

/**
 * vuart_send_sysrq() - a BREAK then @key into @vu's input: the serial
 * console's magic SysRq, which Linux's PL011 and 8250 drivers take on
 * their console port ('o': the kernel powers itself off through its own
 * PSCI SYSTEM_OFF / SBI SRST path, the graceful stop of
 * Documentation/management.md)
 * Return: 0, or -EAGAIN when the input queue has no room for both.
 */
int vuart_send_sysrq(struct vuart *vu, char key);

/**
 * vuart_history_read() - copy @vu's output from byte number @from (or the
 * oldest one kept, if @from is older), at most @max bytes, into @buf
 * @next: set to the number after the last byte copied
 * @oldest: set to the number of the oldest byte kept
 * Return: how many bytes were copied.
 */
unsigned int vuart_history_read(struct vuart *vu, u32 from, u8 *buf, unsigned int max, u32 *next,
				u32 *oldest);

/** console_mux_init() - start routing console input (after the VMs exist). */
void console_mux_init(void);

/** console_mux_focus() - id of the VM that has the input focus, 0 for the hypervisor. */
u32 console_mux_focus(void);

/** console_mux_input() - one character typed on the physical console. */
void console_mux_input(char c);

/** console_arch_enable_irq() - route the console's receive interrupt to this CPU. */
void console_arch_enable_irq(u32 irq);

/** vuart_arch_set_irq() - raise or lower a VM's emulated interrupt (arch hook). */
void vuart_arch_set_irq(struct vm *vm, u32 irq, bool level);

#endif
