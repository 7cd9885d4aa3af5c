"""Key names the runtime accepts (`App.press`) and their protocol codes.

Names are case-insensitive: `up`, `down`, `left`, `right`, `select` (also
`enter`/`ok`), `back`, `menu`, `play_pause`, digits `0`..`9`, and app-named
keys given to `App(extra_keys={"red": 32, ...})` (codes 32..255, PROTOCOL.md
`KEY`). An int is taken as a protocol code.
"""

from __future__ import annotations

from collections.abc import Mapping

from renderer import Key

__all__ = ["FIRST_APP_KEY", "KEY_NAMES", "resolve_key", "validate_extra_keys"]

FIRST_APP_KEY = 32
"""Codes from here to 255 are app-named keys."""

KEY_NAMES: dict[str, int] = {
    **{k.name.lower(): int(k) for k in Key},
    **{str(d): int(Key.DIGIT_0) + d for d in range(10)},
    "enter": int(Key.SELECT),
    "ok": int(Key.SELECT),
}
"""Built-in key names and their codes."""


def validate_extra_keys(extra: Mapping[str, int] | None) -> dict[str, int]:
    """Checks app-named keys: names new, codes 32..255.

    Raises:
        ValueError: a name clashes with a built-in key or a code is out of range.
    """
    out: dict[str, int] = {}
    for name, code in (extra or {}).items():
        lowered = str(name).lower()
        if lowered in KEY_NAMES:
            raise ValueError(f"extra key {name!r} clashes with the built-in key of that name")
        if not isinstance(code, int) or not FIRST_APP_KEY <= code <= 255:
            raise ValueError(f"extra key {name!r} needs a code in 32..255, got {code!r}")
        out[lowered] = code
    return out


def resolve_key(key: str | int, extra: Mapping[str, int]) -> int:
    """The protocol code of a key name or code.

    Raises:
        ValueError: unknown name or a code the protocol rejects.
    """
    if isinstance(key, int):
        if 1 <= key <= 18 or FIRST_APP_KEY <= key <= 255:
            return key
        raise ValueError(f"key code {key} is not a protocol key (1..18 or 32..255)")
    name = key.lower()
    code = KEY_NAMES.get(name, extra.get(name))
    if code is None:
        known = ", ".join([*sorted(KEY_NAMES), *sorted(extra)])
        raise ValueError(f"unknown key {key!r}; known keys: {known}")
    return code
