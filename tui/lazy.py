"""A package's names imported when first used (PEP 562), not with the package.

Kept to the standard library: `tui.blog` uses it, which imports nothing of
the terminal app's.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_names(package: str, modules: dict[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package`` that imports each of the names of
    ``modules`` from the module it maps to, the first time it is asked for."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value  # found directly next time
        return value

    return __getattr__
