# SPDX-License-Identifier: GPL-2.0-only
#
# Shyper top-level Makefile. Configuration targets live here; the compile
# and link rules live in scripts/Makefile.build; directory Makefiles only
# list objects (obj-$(CONFIG_X) += x.o, obj-y += dir/).

srctree := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
O ?= build
objtree := $(abspath $(O))
KCONFIG_CONFIG := $(objtree)/.config
PYTHON := /usr/bin/python3
KCONFIG_ENV := cd $(srctree) && srctree=$(srctree) KCONFIG_CONFIG=$(KCONFIG_CONFIG)

ifeq ($(V),1)
Q :=
else
Q := @
endif

export srctree objtree Q PYTHON

.DEFAULT_GOAL := all
config-targets := menuconfig olddefconfig savedefconfig %_defconfig
orchestration := run check bench deps unit fuzz qemu-tests format format-check help clean distclean

.PHONY: all $(config-targets) $(orchestration)

help:
	@echo "Shyper build targets:"
	@echo "  <board>_defconfig  configure from arch/*/configs/<board>_defconfig"
	@echo "  menuconfig         edit the configuration interactively"
	@echo "  olddefconfig       update .config, new symbols get their defaults"
	@echo "  savedefconfig      write a minimal defconfig to \$$(O)/defconfig"
	@echo "  all (default)      build \$$(O)/shyper.bin, shyper.elf, shyper.map"
	@echo "  run [ARCH=riscv] [GIC=2] [SMP=n] [MEM=size] [OVERLAY=1]  boot the demo on QEMU"
	@echo "  run BOARD=rpi4 [TFA=0] [FDT_SET=1]  boot an emulated Raspberry Pi 4 (TF-A, U-Boot, its DTB)"
	@echo "  check              run every test (unit, fuzz, QEMU)"
	@echo "  bench              exit round trips under -icount, image size"
	@echo "  deps               install/fetch what the build and tests need"
	@echo "Options: O=<dir> (default build), V=1 shows commands"

%_defconfig:
	$(Q)mkdir -p $(objtree)
	$(Q)f=$$(ls $(srctree)/arch/*/configs/$@ 2>/dev/null | head -n 1); \
	if [ -z "$$f" ]; then echo "error: no $@ under arch/*/configs/" >&2; exit 1; fi; \
	$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig Kconfig $$f

menuconfig:
	$(Q)mkdir -p $(objtree)
	$(Q)$(KCONFIG_ENV) MENUCONFIG_STYLE=default $(PYTHON) -m menuconfig Kconfig

olddefconfig:
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m olddefconfig Kconfig

savedefconfig:
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m savedefconfig --kconfig Kconfig --out $(objtree)/defconfig
	@echo "wrote $(objtree)/defconfig"

deps:
	$(Q)$(srctree)/scripts/deps.sh all

run:
	$(Q)$(srctree)/scripts/run.sh $(if $(ARCH),--arch $(ARCH)) $(if $(GIC),--gic $(GIC)) $(if $(SMP),--smp $(SMP)) $(if $(MEM),--mem $(MEM)) $(if $(OVERLAY),--overlay $(OVERLAY)) $(if $(BOARD),--board $(BOARD)) $(if $(TFA),--tfa $(TFA)) $(if $(FDT_SET),--fdt-set $(FDT_SET))

check:
	$(Q)$(srctree)/scripts/check.sh

bench:
	$(Q)$(srctree)/scripts/deps.sh all
	$(Q)$(PYTHON) $(srctree)/scripts/bench.py

unit:
	$(Q)$(MAKE) --no-print-directory -f $(srctree)/tests/unit/Makefile

fuzz:
	$(Q)$(MAKE) --no-print-directory -f $(srctree)/tests/fuzz/Makefile run

format:
	$(Q)cd $(srctree) && git ls-files '*.c' '*.h' | grep -v '^include/libc/' | xargs clang-format -i

format-check:
	$(Q)cd $(srctree) && git ls-files '*.c' '*.h' | xargs clang-format --dry-run --Werror

clean:
	$(Q)rm -rf $(objtree)/core $(objtree)/arch $(objtree)/drivers $(objtree)/lib \
		$(objtree)/libfdt $(objtree)/shyper.*

distclean:
	$(Q)rm -rf $(objtree)

# Everything below needs a configuration.
ifeq ($(filter $(config-targets) $(orchestration),$(MAKECMDGOALS)),)
ifeq ($(wildcard $(KCONFIG_CONFIG)),)
all:
	@echo "No configuration in $(KCONFIG_CONFIG)." >&2
	@echo "Run 'make qemu_arm64_defconfig' (or qemu_riscv64_defconfig, or 'make menuconfig') first," >&2
	@echo "or 'make run' / 'make check', which configure and build by themselves." >&2
	@exit 1
else
include $(KCONFIG_CONFIG)
include $(srctree)/scripts/Makefile.build
endif
endif
