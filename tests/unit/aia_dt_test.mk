aia_dt_test-srcs := drivers/irqchip/aplic_dt.c drivers/irqchip/imsic_dt.c \
	drivers/irqchip/riscv_intc_dt.c core/irq_dt.c core/dt.c lib/vsnprintf.c
aia_dt_test-arch := riscv
