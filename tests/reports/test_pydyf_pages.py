"""The fix for pydyf's page lookup is in place once the PDF module is loaded, and gives the same
page references as pydyf's own code (the PDF tests check the bytes and the PDF/UA tags)."""

import pydyf

from reports import (
    pdf,  # noqa: F401 - loading it applies the fix
    pydyf_pages,
)


def test_loading_the_pdf_module_replaces_pydyfs_page_lookup():
    assert pydyf_pages.needs_patch(), "pydyf changed: check whether the fix is still needed"
    assert pydyf_pages.is_patched()
    assert pydyf.PDF.page_references is pydyf_pages.PAGE_REFERENCES


def test_the_lookup_gives_pydyfs_references_and_follows_added_pages():
    document = pydyf.PDF()
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = document.page_references
    assert first == pydyf_pages._ORIGINAL.fget(document)
    assert document.page_references is first  # kept, not built again
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(document.page_references) == 4
    assert document.page_references == pydyf_pages._ORIGINAL.fget(document)


def test_a_pydyf_of_another_shape_is_left_alone(monkeypatch):
    monkeypatch.setattr(pydyf, "__version__", "1.0.0")
    assert not pydyf_pages.needs_patch()
