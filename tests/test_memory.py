"""rlve_fast.memory.keep_freed_memory: the allocator setting a process owner may choose."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from rlve_fast.memory import keep_freed_memory


@pytest.mark.parametrize("bad", [0, -1, 1 << 31, 1.5, True, "256"])
def test_rejects_what_is_not_a_byte_count(bad):
    with pytest.raises(ValueError):
        keep_freed_memory(bad)


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="the setting exists in glibc only")
def test_glibc_takes_the_setting_in_a_fresh_process():
    # a fresh process, so this test run's own allocator is left as it was
    out = subprocess.run([sys.executable, "-c", "from rlve_fast.memory import keep_freed_memory as k; "
                          "print(k(), k(1 << 20))"], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]
