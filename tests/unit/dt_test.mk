dt_test-srcs := core/dt.c
