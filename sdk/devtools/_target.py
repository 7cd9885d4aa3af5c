"""Finding the app in a module: the CLI's `MODULE[:NAME]` convention.

`MODULE` (a dotted module path, optionally `MODULE:NAME`) exposes one of,
looked up in this order: `root()` returning the root `Element` (preferred),
`app` (an `Element` or a ready `App`), or `main()` returning either. `NAME`
picks another attribute. The dev loop calls `load_target` again after a
reload, so a module's `root()` is what makes a fresh element.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..runtime import App

__all__ = ["LOOKUP", "CliError", "load_target"]

LOOKUP = ("root", "app", "main")


class CliError(Exception):
    """A usage error reported as one line on stderr (exit status 2)."""


def load_target(spec: str) -> Any:
    """Imports `module[:name]` and returns what it exposes (see the module docstring).

    Raises:
        CliError: the module cannot be imported or exposes nothing runnable.
    """
    module_name, _, name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise CliError(f"cannot import {module_name!r}: {exc}") from exc
    names = (name,) if name else LOOKUP
    for attr in names:
        if hasattr(module, attr):
            value = getattr(module, attr)
            if callable(value) and not isinstance(value, App) and attr != "app":
                value = value()
            return value
    wanted = f"`{name}`" if name else "`root()`, `app` or `main()`"
    raise CliError(f"module {module_name!r} has no {wanted}; expose `root()` returning the "
                   "root element (see `python -m sdk run -h`)")
