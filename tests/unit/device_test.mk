device_test-srcs := core/device.c core/dt.c core/console.c lib/vsnprintf.c core/platform.c \
	core/memmap.c core/cpu.c arch/arm64/cpu_dt.c
