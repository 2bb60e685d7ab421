control_test-srcs := core/control_regs.c
