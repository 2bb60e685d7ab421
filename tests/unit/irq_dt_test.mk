irq_dt_test-srcs := core/dt.c core/irq_dt.c drivers/irqchip/gic_dt.c drivers/irqchip/plic_dt.c drivers/irqchip/riscv_intc_dt.c drivers/timer/arch_timer_dt.c lib/vsnprintf.c
