platform_test-srcs := core/cpu.c core/platform.c core/dt.c core/memmap.c core/console.c \
	lib/vsnprintf.c arch/arm64/cpu_dt.c core/summary.c
