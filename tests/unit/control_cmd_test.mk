control_cmd_test-srcs := core/control.c core/control_regs.c core/vm_fsm.c core/memmap.c \
	core/console.c lib/vsnprintf.c tests/unit/control_env.c
