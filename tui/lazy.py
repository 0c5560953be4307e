"""What is made when first used, not as its module is imported: a
package's names (PEP 562), regular expressions.

For the modules the app imports before its first frame, where each thing
made on import is time the window stays blank. Kept to the standard
library: `tui.blog` uses it, which imports nothing of the terminal app's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import Any


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, the first time it is asked for, then kept.
    Flags are written in the pattern, as ``(?m)``.

    Compiling costs a module's import 0.5 to 2 M instructions a pattern
    (3 M for a character class of Unicode ranges); a module-level
    ``re.compile`` pays it before the first frame even when nothing there
    uses the pattern. Kept here rather than left to re's own cache, which
    drops patterns once it holds 512.
    """
    return re.compile(pattern)


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
