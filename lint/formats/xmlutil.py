"""Helpers shared by the XML formats (``junit``, ``checkstyle``): safe text and output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from lint.escape import for_xml, xml_inert


def write(root: ET.Element, out: TextIO) -> None:
    """Write ``root`` as an indented UTF-8 XML document with its declaration.

    Every attribute and text passes through :func:`lint.escape.for_xml` here (the characters
    XML cannot hold replaced), so that no format can forget one and none does it twice (a
    rule's name from a user's rule pack, a path, a message).
    """
    for element in root.iter():
        for key, value in element.attrib.items():
            element.set(key, for_xml(value))
        if element.text:
            element.text = for_xml(element.text)
        if element.tail:
            element.tail = for_xml(element.tail)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(xml_inert(ET.tostring(root, encoding="unicode")))
    out.write("\n")
