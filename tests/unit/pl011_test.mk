pl011_test-srcs := drivers/serial/pl011.c drivers/serial/pl011_dt.c core/device.c core/dt.c \
	core/console.c lib/vsnprintf.c core/platform.c core/memmap.c core/cpu.c arch/arm64/cpu_dt.c
