dt_order_test-srcs := core/dt_order.c core/console.c lib/vsnprintf.c
