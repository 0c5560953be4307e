"""``python -m tui``: the same as the ``blog`` command."""

from __future__ import annotations

import sys

from tui.cli import main

sys.exit(main())
