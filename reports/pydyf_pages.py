"""A fix for pydyf's page lookup, which makes PDF/UA tagging quadratic in the number of pages.

WeasyPrint's tagging (``weasyprint/pdf/tags.py``) asks ``pdf.page_references[page_number]`` for
every tagged element, and pydyf (``pydyf/__init__.py``, ``PDF.page_references``) builds that
tuple anew on each call from the page tree's ``Kids`` array: a 900-page report with tens of
thousands of tagged elements spends minutes rebuilding a 900-item tuple. Here the tuple is kept
until a page is added (the length of ``Kids`` changes), so it is built once per page count. The
references are the same strings, so the PDF is the same bytes.

Applied at import of :mod:`reports.pdf`, only to the pydyf versions whose property reads as
below (checked by name and by its code): a pydyf that changed it is left alone. The upstream fix
is described in docs/reports.md ("Speed").
"""

import pydyf

# Versions whose ``page_references`` rebuilds the tuple on every call.
PATCHED_VERSIONS = ("0.11", "0.12", "0.13")
_ORIGINAL = pydyf.PDF.__dict__.get("page_references")


def _cached_page_references(self):
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_msd_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), _ORIGINAL.fget(self))
        self.__dict__["_msd_page_references"] = cached
    return cached[1]


def needs_patch() -> bool:
    return (
        pydyf.__version__.startswith(PATCHED_VERSIONS)
        and isinstance(_ORIGINAL, property)
        and "self.pages['Kids'][::3]" in _source(_ORIGINAL.fget)
    )


def _source(function) -> str:
    import inspect

    try:
        return inspect.getsource(function)
    except OSError:
        return ""


def is_patched() -> bool:
    return pydyf.PDF.__dict__.get("page_references") is PAGE_REFERENCES


PAGE_REFERENCES = property(_cached_page_references, doc="Page references, kept per page count.")


def apply() -> bool:
    """Install the cached lookup; True when it is (or already was) in place."""
    if is_patched():
        return True
    if not needs_patch():
        return False
    pydyf.PDF.page_references = PAGE_REFERENCES
    return True
