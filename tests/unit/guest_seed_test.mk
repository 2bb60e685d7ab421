guest_seed_test-srcs := lib/chacha20.c core/guest_seed.c
