console_line_test-srcs := core/console_line.c
