"""The narrative texts of a report as paragraphs, subheadings and lists.

Beleidsmedewerkers write plain text (often pasted from the old Word report). Two simple marks
give it structure in the PDF, the preview and the screens:

- a line starting with ``#`` and a space is a subheading (tussenkop);
- lines starting with ``-`` or ``•`` and a space are a bulleted list.

Everything else works as Django's ``linebreaks``: a blank line starts a new paragraph, a single
line break stays a line break. All text is escaped.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

HEADING = re.compile(r"^#{1,3}\s+")
BULLET = re.compile(r"^[-•]\s+")


def _blocks(text: str):
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            yield lines


def _flush(html: list[str], paragraph: list[str], items: list[str]) -> None:
    """Close the open paragraph and list, if any."""
    if paragraph:
        html.append("<p>" + "<br>".join(paragraph) + "</p>")
        paragraph.clear()
    if items:
        html.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        items.clear()


@register.filter(needs_autoescape=True)
def narrative(text, level=5, autoescape=True):
    """``{{ text|narrative:5 }}``: subheadings become ``<h5>`` (the level below the question)."""
    escape = conditional_escape if autoescape else str
    level = min(max(int(level), 1), 6)
    html: list[str] = []
    for lines in _blocks(str(text or "")):
        paragraph: list[str] = []
        items: list[str] = []
        for line in lines:
            if HEADING.match(line):
                _flush(html, paragraph, items)
                heading = escape(HEADING.sub("", line))
                html.append(f'<h{level} class="tussenkop">{heading}</h{level}>')
            elif BULLET.match(line):
                _flush(html, paragraph, [])
                items.append(escape(BULLET.sub("", line)))
            else:
                _flush(html, [], items)
                paragraph.append(escape(line))
        _flush(html, paragraph, items)
    return mark_safe("\n".join(html))
