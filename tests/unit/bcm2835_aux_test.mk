bcm2835_aux_test-srcs := drivers/serial/bcm2835_aux_dt.c core/device.c core/dt.c core/console.c \
	lib/vsnprintf.c core/platform.c core/memmap.c core/cpu.c arch/arm64/cpu_dt.c
