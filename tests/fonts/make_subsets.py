"""Cuts the committed test fonts from the installed fallback chain.

Run after `./dev setup` when `corpus.py` changes:

    MARQUEE_PURE=1 .venv/bin/python -m tests.fonts.make_subsets

Each subset keeps the glyphs of every sample (plus their OpenType layout
closure under the default shaping features, so shaping works on them),
pinned to the default instance of variable fonts, without hinting. The files
are small (3-35 KB each) and committed: tests use them, never the machine's
fonts. The fonts are Noto, under the SIL Open Font License (`OFL.txt`).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from renderer import default_fallback_files
from tests.fonts.corpus import SAMPLES

HERE = Path(__file__).parent

SUBSETS: dict[str, str] = {
    "NotoSans[wdth,wght].ttf": "NotoSans-subset.ttf",
    "NotoSansArabic[wdth,wght].ttf": "NotoSansArabic-subset.ttf",
    "NotoSansHebrew-Regular.ttf": "NotoSansHebrew-subset.ttf",
    "NotoSansDevanagari[wdth,wght].ttf": "NotoSansDevanagari-subset.ttf",
    "NotoSansThai[wdth,wght].ttf": "NotoSansThai-subset.ttf",
    "NotoSansCJK-Regular.ttc": "NotoSansCJK-subset.otf",
    "NotoColorEmoji.ttf": "NotoColorEmoji-subset.ttf",
}
"""Installed file name -> committed subset, in fallback order."""


def main() -> None:
    text = "".join(SAMPLES.values()) + " .,!?-…"
    installed = {path.name: path for path in default_fallback_files()}
    for source, target in SUBSETS.items():
        path = installed.get(source)
        if path is None:
            raise SystemExit(f"{source} is not installed: run ./dev setup first")
        font = TTFont(str(path), fontNumber=0)
        options = subset.Options()
        options.hinting = False
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        if "fvar" in font:
            pinned = {axis.axisTag: None for axis in font["fvar"].axes}  # None: the default
            font = instancer.instantiateVariableFont(font, pinned, inplace=False)
        font.save(str(HERE / target))
        print(f"{target}: {(HERE / target).stat().st_size} bytes")


if __name__ == "__main__":
    main()
