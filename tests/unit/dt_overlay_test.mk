dt_overlay_test-srcs := core/dt_overlay.c core/dt.c core/console.c lib/vsnprintf.c
