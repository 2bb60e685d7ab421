vsnprintf_test-srcs := lib/vsnprintf.c
