"""A label that names a variant of a tool ("VB.NET", "PL/SQL", "SAP BW") is not claimed for a candidate who names the
tool only ("C#", "SQL", "SAP"): they may have it (neither claimed nor called missing)."""

from __future__ import annotations

import pytest

from offers.understanding.skills import skill_reader

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("listed", "label"),
    [
        ("C#", "VB.NET"),
        ("C#", "ASP.NET"),
        ("SQL", "PL/SQL"),
        ("SQL", "Gérer et maitriser des bases de données (SQL/NoSQL)"),
        ("SAP", "Progiciel de gestion SAP BW"),
        ("Excel", "Microsoft Excel VBA"),
        ("Git", "Gestion de version SVN (Apache Subversion)"),
    ],
)
def test_a_variant_of_a_tool_they_name_is_neither_claimed_nor_called_missing(listed, label):
    reader = skill_reader()
    profile = reader.profile(skills=[listed])
    assert not reader.covered(label, profile)
    assert reader.partly(label, profile)


@pytest.mark.parametrize(
    ("listed", "label"),
    [
        ("VB.NET", "VB.NET"),
        ("Oracle PL/SQL", "PL/SQL"),
        ("SAP BW", "Progiciel de gestion SAP BW"),
        ("SAP", "Progiciel de gestion SAP"),  # "gestion SAP" names no variant
        ("Excel, VBA", "Microsoft Excel VBA"),
        ("CI/CD", "Assurer la sécurité des pipelines de CI/CD"),  # both words are the concept's term
        ("Git", "Utiliser un outil de gestion de versions (Git)"),
    ],
)
def test_a_tool_named_with_its_variant_or_without_one_is_claimed(listed, label):
    reader = skill_reader()
    assert reader.covered(label, reader.profile(skills=[listed]))


def test_variants_are_read_from_the_label_only_where_a_tool_is_named():
    reader = skill_reader()
    assert reader.label("VB.NET").variants == {reader._word("vb")}
    assert reader.label("Utiliser des logiciels de prise de rendez-vous").variants == frozenset()  # a stop word
    assert reader.label("Camion porte-char").variants == frozenset()  # no tool


@pytest.mark.parametrize(
    ("text", "names_dot_net"),
    [
        ("Développeur .NET confirmé", True),
        ("ASP.NET Core, Entity Framework", True),
        ("C# / .Net 8", True),
        # "net" without its dot, or the end of an address, is no .NET: an offer's salary, a CV's e-mail.
        ("Salaire net mensuel : 1 800 €", False),
        ("camille.martin@laposte.net - 06 12 34 56 78", False),
        ("Site : www.boulangerie-martin.net", False),
    ],
)
def test_dot_net_is_read_only_where_written_with_its_dot(text, names_dot_net):
    assert ("csharp" in skill_reader().concepts_in(text)) is names_dot_net
