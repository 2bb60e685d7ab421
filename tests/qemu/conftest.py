# SPDX-License-Identifier: GPL-2.0-only
import os
import subprocess

import pytest

from shyper_console import Console

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(SRCTREE, "build", "check")


def build(arch):
    """Build one architecture's images, unless scripts/check.sh built them
    already (SHYPER_IMAGES_BUILT): with tests running in parallel
    (pytest-xdist), a rebuild would rewrite disk images another test boots."""
    out = os.path.join(BUILD, arch)
    if not os.environ.get("SHYPER_IMAGES_BUILT"):
        subprocess.run([os.path.join(SRCTREE, "scripts", "build.sh"), arch, out], check=True)
    return out


@pytest.fixture(scope="session")
def images():
    """One build per architecture for the whole session: the same binary
    must boot on every machine variant."""
    return {arch: build(arch) for arch in ("arm64", "riscv64")}


@pytest.fixture
def boot(images, request, tmp_path_factory):
    """boot(arch, **machine) -> Console, terminated after the test."""
    consoles = []
    logdir = tmp_path_factory.mktemp("console")

    def start(arch, **machine):
        log = os.path.join(logdir, f"{request.node.name}-{len(consoles)}.log")
        c = Console(arch, os.path.join(images[arch], "disk.img"), log, **machine)
        consoles.append(c)
        return c

    yield start
    for c in consoles:
        c.close()
