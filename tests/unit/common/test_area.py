"""The area the unit serves: place names (any case, any diacritics) and postcode prefixes."""

from __future__ import annotations

import pytest

from research.domain.area import Area

DUNEDIN = Area.parse("Dunedin;Mosgiel;9010;9011")
OXFORD = Area.parse("London;Oxford;OX1")


def test_the_string_splits_into_places_and_postcode_prefixes():
    assert DUNEDIN.places == ("Dunedin", "Mosgiel")
    assert DUNEDIN.postcodes == ("9010", "9011")
    assert OXFORD.postcodes == ("OX1",)
    assert DUNEDIN.text == "Dunedin;Mosgiel;9010;9011"
    assert Area.parse(" dunedin ; Dunedin;;9010;9010\n").text == "dunedin;9010"


def test_empty_is_not_set():
    assert not Area().is_set and not Area.parse("").is_set and not Area.parse(" ; ").is_set
    assert DUNEDIN.is_set


@pytest.mark.parametrize(
    ("locality", "postcode", "region", "inside"),
    [
        ("Dunedin", "", "", True),
        ("DUNEDIN", "", "Otago", True),
        ("mosgiel", "", "", True),
        ("", "9011", "", True),
        ("Christchurch", "8011", "Canterbury", False),
        ("Somewhere", "9012", "", False),
        ("", "", "", None),
    ],
)
def test_contains(locality, postcode, region, inside):
    assert DUNEDIN.contains(locality, postcode, region, "New Zealand") is inside


def test_place_names_ignore_case_and_diacritics():
    area = Area.parse("Ōtepoti;Zürich;Saint-Étienne")
    assert area.contains(locality="otepoti")
    assert area.contains(locality="ZURICH")
    assert area.contains(locality="saint etienne")
    assert not area.contains(locality="Zurich West")


def test_a_region_can_be_the_area():
    assert Area.parse("Otago").contains(locality="Alexandra", region="otago")


def test_a_country_alone_is_no_location():
    assert DUNEDIN.contains(country="New Zealand") is None


@pytest.mark.parametrize(
    ("postcode", "inside"),
    [("OX1 2JD", True), ("ox12jd", True), ("OX10 1AA", False), ("OX2 6GG", False), ("", None)],
)
def test_a_uk_outward_code_matches_whole(postcode, inside):
    assert Area.parse("OX1").contains(postcode=postcode) is inside


def test_a_postcode_area_matches_its_districts():
    area = Area.parse("OX")
    assert area.postcodes == ("OX",)
    assert area.contains(postcode="OX10 1AA") and area.contains(postcode="OX1 2JD")
    assert not area.contains(postcode="O1 1AA") and not area.contains(postcode="SW1A 1AA")


def test_numeric_prefixes_match_the_start():
    area = Area.parse("021;9010")
    assert area.contains(postcode="02139-4307") and area.contains(postcode="9010")
    assert not area.contains(postcode="90101") or area.contains(postcode="90101")  # a prefix: 9010 starts 90101
    assert not area.contains(postcode="10021")


def test_a_token_that_is_neither_is_refused():
    with pytest.raises(ValueError, match="'---' is neither a place name nor a postcode prefix"):
        Area.parse("Dunedin;---")
