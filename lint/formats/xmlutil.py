"""Helpers shared by the XML formats (``junit``, ``checkstyle``): safe text and output."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, LF, CR; surrogates; U+FFFE/F).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _INVALID.sub("\ufffd", text)


def write(root: ET.Element, out: TextIO) -> None:
    """Write ``root`` as an indented UTF-8 XML document with its declaration."""
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
