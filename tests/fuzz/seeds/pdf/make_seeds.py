#!/usr/bin/env python3
"""Writes the hand-made seeds of pdf_fuzz (the fixtures' PDFs are the others):
a page of 12 lines in two columns with a MediaBox as wide as the argument
says. Run from this folder: python3 make_seeds.py"""
import sys


def pdf(media_width, name):
    lines = []
    for row in range(12):
        y = 780 - row * 14
        lines.append(f"BT /F1 10 Tf 50 {y} Td (ord ett tv\\345 tre fyra fem) Tj ET")
        lines.append(f"BT /F1 10 Tf 320 {y} Td (sex sju \\345tta nio tio elva) Tj ET")
    content = "\n".join(lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {media_width} 842] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(name, "wb") as f:
        f.write(out)


pdf(595, "two_columns.pdf")
pdf(sys.argv[1] if len(sys.argv) > 1 else "100000000000000000000", "huge_media_box.pdf")
