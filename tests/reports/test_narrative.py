"""Narrative texts get structure from two simple marks: '#' for a subheading, '-' for a list."""

from reports.templatetags.report_text import narrative


def test_paragraphs_and_line_breaks_work_as_before():
    assert narrative("Eerste alinea\nnog een regel.\n\nTweede alinea.") == (
        "<p>Eerste alinea<br>nog een regel.</p>\n<p>Tweede alinea.</p>"
    )


def test_a_line_starting_with_a_hash_is_a_subheading_at_the_given_level():
    html = narrative("# Werkzoekenden\n\nOrionis biedt ondersteuning.", 5)
    assert html == '<h5 class="tussenkop">Werkzoekenden</h5>\n<p>Orionis biedt ondersteuning.</p>'
    assert narrative("# Armoedebeleid\nDe gemeente stimuleert.", 6).startswith(
        '<h6 class="tussenkop">Armoedebeleid</h6>\n<p>De gemeente'
    )


def test_lines_starting_with_a_dash_are_a_list_after_their_introduction():
    html = narrative("Speerpunten:\n- Aanpak woonoverlast\n• Verwarde personen\nTot slot.")
    assert html == (
        "<p>Speerpunten:</p>\n<ul><li>Aanpak woonoverlast</li><li>Verwarde personen</li></ul>\n"
        "<p>Tot slot.</p>"
    )


def test_text_is_escaped_and_a_hash_without_space_is_plain_text():
    html = narrative("#1 prioriteit <script>alert(1)</script>")
    assert html == "<p>#1 prioriteit &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert narrative("") == ""
