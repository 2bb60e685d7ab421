vm_create_test-srcs = $(vm-core-srcs) arch/arm64/cpu_dt.c core/vm_create.c core/dt_overlay.c core/dt_order.c
