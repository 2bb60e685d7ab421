ratelimit_test-srcs := lib/ratelimit.c
