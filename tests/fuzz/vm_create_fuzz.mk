# The sources of vm_create_test (tests/unit/vm_core.mk), with the unit
# helpers it calls: vm_testlib.c asserts with cmocka.
include $(unitdir)/vm_core.mk
vm_create_fuzz-srcs = $(vm-create-srcs) tests/unit/common/fixture.c tests/unit/common/capture.c \
	tests/unit/common/boot_hwid.c
vm_create_fuzz-libs := -lcmocka
# Seeds: the project's overlays, each after a head asking for a 5 KiB kernel
# and a 3 KiB ramdisk, no DTB image, the VM renumbered (ids 7 and up) and
# kept (flags: RENUMBER, vm_create_fuzz.c), so that the seeds fill the slots.
vm_create_fuzz-seeds := $(patsubst $(srctree)/%,%,$(wildcard $(srctree)/tests/guests/overlays/*.dts)) \
	tests/unit/fixtures/overlay-create.dts
vm_create_fuzz-seed-head := \004\002\000\014
