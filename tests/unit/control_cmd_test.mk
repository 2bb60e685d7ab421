control_cmd_test-srcs := core/control.c core/control_regs.c core/vm_fsm.c core/memmap.c \
	core/console.c lib/vsnprintf.c core/timer.c core/exit_stats.c core/vm_stats.c \
	tests/unit/control_env.c
