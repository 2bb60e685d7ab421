vuart_ns16550_test-srcs := core/vuart_ns16550.c
