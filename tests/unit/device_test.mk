device_test-srcs := core/device.c core/dt.c core/console.c lib/vsnprintf.c
