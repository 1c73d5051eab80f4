#!/usr/bin/env python3
"""Builds the PDF fonts in this folder (run once by a developer; the result is committed).

PPPoE Desk Sans = Liberation Sans 2 (metric-compatible with Helvetica, so receipts keep the layout
they had with the built-in font; Latin, Greek, Cyrillic) + Noto Emoji (monochrome emoji, so an ISP
or customer name with an emoji prints it instead of "?"). Both are SIL OFL 1.1; "Liberation" is a
Reserved Font Name, so the merged font carries its own name (OFL-Liberation.txt, OFL-NotoEmoji.txt).

Needs Debian's fonttools and fonts-liberation2, and the @fontsource/noto-emoji npm package unpacked:
  apt-get install fonttools fonts-liberation2
  npm pack @fontsource/noto-emoji@5.3.2 && tar xzf fontsource-noto-emoji-5.3.2.tgz
  /usr/bin/python3 resources/fonts/build-fonts.py /usr/share/fonts/truetype/liberation2 package/files
"""
import os
import sys
import tempfile

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

FAMILY = "PPPoE Desk Sans"
STYLES = [
    # (style, Liberation file, Noto Emoji weight)
    ("Regular", "LiberationSans-Regular.ttf", 400),
    ("Bold", "LiberationSans-Bold.ttf", 700),
    ("Italic", "LiberationSans-Italic.ttf", 400),
]


def rename(font: TTFont, style: str) -> None:
    ps = f"PPPoEDeskSans-{style}"
    names = {
        1: FAMILY if style in ("Regular", "Bold", "Italic") else f"{FAMILY} {style}",
        2: style,
        3: f"{ps};build-fonts.py",
        4: f"{FAMILY} {style}" if style != "Regular" else FAMILY,
        6: ps,
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in names or rec.nameID in (16, 17, 21, 22):
            table.removeNames(nameID=rec.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    table.setName(
        "Derived from Liberation Sans 2 (Red Hat, Google; SIL OFL 1.1, Reserved Font Name Liberation) "
        "and Noto Emoji (Google; SIL OFL 1.1), merged by PPPoE Desk.",
        10,
        3,
        1,
        0x409,
    )


def unhint(font: TTFont) -> None:
    """Drops TrueType hinting (programs and per-glyph instructions): PDF viewers and printers scale outlines."""
    for tag in ("fpgm", "prep", "cvt "):
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    font["maxp"].maxSizeOfInstructions = 0


def main() -> None:
    liberation, emoji_dir = sys.argv[1], sys.argv[2]
    out_dir = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        for style, lib_file, weight in STYLES:
            text = TTFont(os.path.join(liberation, lib_file))
            emoji = TTFont(os.path.join(emoji_dir, f"noto-emoji-emoji-{weight}-normal.woff"))
            emoji.flavor = None
            # The merger takes only tables both fonts can share: PDFs need no hinting, no vertical
            # metrics, no legacy kern table (GPOS has the kerning) and no variation axes.
            unhint(text)
            for font, tags in ((text, ("FFTM", "kern")), (emoji, ("STAT", "vhea", "vmtx"))):
                for tag in tags:
                    if tag in font:
                        del font[tag]
            emoji["OS/2"].version = text["OS/2"].version
            post = emoji["post"]
            if post.formatType != text["post"].formatType:
                post.formatType, post.extraNames, post.mapping = text["post"].formatType, [], {}
            paths = []
            for name, font in (("text", text), ("emoji", emoji)):
                paths.append(os.path.join(tmp, f"{name}-{style}.ttf"))
                font.save(paths[-1])
            merged = Merger().merge(paths)
            rename(merged, style)
            merged.save(os.path.join(out_dir, f"PPPoEDeskSans-{style}.ttf"))
            print(style, "glyphs:", len(merged.getGlyphOrder()))


if __name__ == "__main__":
    main()
