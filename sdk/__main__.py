"""`python -m sdk run MODULE`: see `sdk._cli`."""

from __future__ import annotations

from sdk._cli import main

raise SystemExit(main())
