vm_build_test-srcs := core/vm.c core/vm_crash.c core/control.c core/control_regs.c core/exit_stats.c core/vm_stats.c core/vm_load.c core/irq.c core/vm_fsm.c core/vuart.c core/vuart_model.c \
	core/vuart_pl011.c core/vuart_ns16550.c core/console_line.c core/console.c core/dt.c \
	core/platform.c core/memmap.c core/cpu.c lib/vsnprintf.c arch/arm64/cpu_dt.c \
	drivers/serial/pl011_dt.c drivers/serial/ns16550_dt.c core/guest_seed.c lib/chacha20.c
