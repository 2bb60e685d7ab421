memmap_test-srcs := core/memmap.c
