"""The multi-script corpus the committed font subsets cover, one sample per script.

`python -m tests.fonts.make_subsets` cuts the subsets in this folder from the
fonts `./dev setup` installs, keeping exactly the glyphs these strings need
(with their OpenType layout closure). Tests draw only these strings (and any
mix of their characters), so they never depend on the machine's fonts.
"""

from __future__ import annotations

SAMPLES: dict[str, str] = {
    "latin": "Hello, world! Ça déjà vu — naïve façade ŁŻ ő",
    "greek": "Καλημέρα κόσμε",
    "cyrillic": "Привет, мир! Съешь же ещё",
    "cjk": "你好世界。日本語のテキスト、カタカナ。한국어",
    "arabic": "مرحبا بالعالم ١٢٣",
    "hebrew": "שלום עולם",
    "thai": "สวัสดีชาวโลก ภาษาไทย",
    "devanagari": "नमस्ते दुनिया क्षत्रिय हिन्दी",
    "emoji": "😀🎉👍❤🚀",
}
"""A sentence (or a few words) of each script of the fallback chain."""

NOT_IN_ANY_FONT = "\u16a0\u16a2"
"""Runic letters: in no committed subset (nor Roboto), so always missing."""
