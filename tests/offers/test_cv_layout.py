"""A CV's layout (`offers.understanding.cv_layout`): its section headings, its sections, its head."""

from __future__ import annotations

import pytest

from offers.understanding.cv_layout import head_lines, section_heading, section_texts


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("EXPÉRIENCES PROFESSIONNELLES", "other"),
        ("E X P É R I E N C E S", "other"),
        ("Compétences clés :", "other"),
        ("FORMATION", "training"),
        ("Formations et diplômes", "training"),
        ("CENTRES D'INTÉRÊT", "hobbies"),
        ("Loisirs", "hobbies"),
        # An English CV's headings.
        ("EDUCATION & TRAINING", "training"),
        ("Qualifications", "training"),
        ("EMPLOYMENT HISTORY", "other"),
        ("Key skills", "other"),
        # A line that says more than a heading is none.
        ("Permis B", ""),
        ("Langues : anglais B1", ""),
        ("Expérience : 2019-2024 boulangère", ""),
        ("Diplôme d'État d'infirmier", ""),
    ],
)
def test_a_section_heading_is_a_whole_line_of_a_headings_words(line, kind):
    assert section_heading(line) == kind


def test_the_text_is_split_by_the_kind_of_its_sections_and_the_head_ends_at_the_first():
    text = "Léa B.\n06 12 34 56 78\nServeuse\nEXPÉRIENCE\n2020 Serveuse\nFORMATION\nCAP\nLOISIRS\nCourse à pied"
    sections = section_texts(text)
    assert sections["other"].split("\n") == ["Léa B.", "06 12 34 56 78", "Serveuse", "2020 Serveuse"]
    assert (sections["training"], sections["hobbies"]) == ("CAP", "Course à pied")
    assert head_lines(text.split("\n")) == ["Léa B.", "06 12 34 56 78", "Serveuse"]
