"""The pseudo-locale: every string accented, 40 % longer and bracketed.

`pseudo_localize("Play {title}")` is `"[Ƥŀáý {title} ~~~~]"`-like: letters are
swapped for accented look-alikes (so untranslated, hard-coded strings stand
out: they stay plain), the text grows by 40 % of its length (rounded up) with
`~` before the closing bracket (German and Finnish run that much longer than
English), and the brackets show where a string was cut. Placeholders
(`{name}`, `%(name)s`, `%d`) are kept as they are.
"""

from __future__ import annotations

import math
import re

__all__ = ["PSEUDO_LOCALE", "pseudo_localize"]

PSEUDO_LOCALE = "en-XA"
"""The locale name that selects pseudo-localization."""

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķŀɱñóƥǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĿḾÑÓƤǪŔŠŢÚṼŴẊÝŽ",
)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z%]")
_GROWTH = 0.4


def pseudo_localize(text: str) -> str:
    """`text` accented (placeholders kept), 40 % longer, in brackets."""
    out: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(text[last:match.start()].translate(_ACCENTED))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENTED))
    padding = "~" * math.ceil(len(text) * _GROWTH)
    return f"[{''.join(out)}{' ' if padding else ''}{padding}]"
