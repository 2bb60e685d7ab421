vm_create_test-srcs = $(vm-create-srcs)
