#!/usr/bin/env python3
"""Writes the seeds of pdf_layout_fuzz (tests/fuzz/pdf_layout_fuzz.cpp says
the encoding): a two-column page, three pages with a running header and page
numbers, a page with a footnote and a superscript marker, and a heading.
Run from this folder: python3 make_seeds.py"""
import struct

TOKENS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "e", "r", "s", "v",
          "Sida", "sida", "av", "Page", "of", "-", "(", ")", "/", ".", ":", "*", "†",
          "¹", "å", "Ö", "Fråga", "SKR", "–", "•", "\u0308", "7a.", "2.3", "😀"]


def word(tokens, x0, top, width, height, size, space=True, bold=False, new_page=False):
    flags = (1 if space else 0) | (2 if bold else 0) | (4 if new_page else 0) | (len(tokens) << 3)
    out = struct.pack(">HHBBBB", int(x0 * 8), int(top * 8), int(width * 2), int(height * 8), int(size * 8), flags)
    return out + bytes(TOKENS.index(t) for t in tokens)


def page_header(width=595, height=842):
    return struct.pack(">HH", width * 8, height * 8)


def two_columns():
    out = page_header()
    for row in range(14):
        top = 100 + row * 14
        for col, x in ((0, 50), (1, 320)):
            for k in range(5):
                out += word(["a", "r", "s"][: 1 + (row + k) % 3], x + k * 45, top, 40, 10, 10)
    return out


def running_header():
    out = page_header()
    for page in range(3):
        out += word(["SKR"], 50, 30, 30, 9, 9, new_page=page > 0)
        out += word(["Sida"], 50, 40, 20, 9, 9)
        out += word([str(page + 1)], 75, 40, 8, 9, 9, space=False)
        out += word(["Fråga"], 50, 100, 40, 14, 14, bold=True)
        out += word(["a", "b"], 50, 130, 30, 10, 10)
        out += word(["s", "v", "a", "r"], 90, 130, 30, 10, 10)
        out += word(["-"], 280, 810, 5, 9, 9)
        out += word([str(page + 1)], 290, 810, 5, 9, 9)
        out += word(["-"], 300, 810, 5, 9, 9)
    return out


def footnote():
    out = page_header()
    out += word(["7a."], 50, 100, 20, 10, 10, bold=True)
    out += word(["SKR", "."], 75, 100, 25, 10, 10, space=False)
    out += word(["¹"], 100, 98, 4, 5, 6, space=False)
    out += word(["2.3"], 50, 300, 20, 10, 10)
    out += word(["1"], 50, 780, 4, 7, 7)
    out += word(["a", "b", "e"], 56, 780, 30, 7, 7)
    return out


for name, data in (("two_columns.bin", two_columns()), ("running_header.bin", running_header()),
                   ("footnote.bin", footnote())):
    with open(name, "wb") as f:
        f.write(data)
