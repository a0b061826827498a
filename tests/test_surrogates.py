"""Surrogates: realistic, consistent per patient, shape-keeping, never the original."""

from __future__ import annotations

import ipaddress
import pickle
import random

import faker.generator
import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.spans import PhiLabel
from radscrub.transform.keys import SecretKey
from radscrub.transform.surrogates import (
    EXAMPLE_DOMAINS,
    FACILITY_WORDS,
    Surrogates,
    parse_name,
    shape_permute,
)

KEY = SecretKey(bytes(range(32)))
SURROGATES = Surrogates(KEY)
SCOPE = "patient:P1"


def name(text: str, scope: str = SCOPE) -> str:
    new = SURROGATES.name(text, scope)
    assert new is not None
    return new


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("John Smith", ["first", "last"]),
        ("Mr. Smith", ["keep", "last"]),
        ("Smith", ["last"]),
        ("John", ["first"]),
        ("SMITH, JOHN", ["last", "first"]),
        ("Smith, John A.", ["last", "first", "first-initial"]),
        ("J. Smith", ["first-initial", "last"]),
        ("Smith J", ["last", "first-initial"]),
        ("John Q. Smith, M.D.", ["first", "first-initial", "last", "keep", "keep"]),
        ("Dr. Jane Doe MD", ["keep", "first", "last", "keep"]),
        ("van der Berg, Anna", ["keep", "keep", "last", "first"]),
        ("SMITH JOHN", ["last", "first"]),
        ("Mary-Jane O'Brien", ["first", "first", "last"]),
        ("Dr. Smith's", ["keep", "last", "keep"]),
        ("Anna van der Berg", ["first", "keep", "keep", "last"]),
        ("al de smith", ["first", "first", "last"]),  # all lower case: no particle is kept
    ],
)
def test_name_parts_get_roles(text: str, roles: list[str]) -> None:
    assert [part.role for part in parse_name(text)] == roles


def test_one_person_stays_one_surrogate_in_every_written_shape() -> None:
    first, last = name("John Smith").split()
    assert name("Mr. Smith") == f"Mr. {last}"
    assert name("Smith") == last
    assert name("SMITH, JOHN") == f"{last.upper()}, {first.upper()}"
    assert name("smith, john") == f"{last.lower()}, {first.lower()}"
    assert name("J. Smith") == f"{first[0]}. {last}"
    assert name("Dr. John Smith, MD") == f"Dr. {first} {last}, MD"
    assert name("John") == first


def test_same_name_differs_between_patients() -> None:
    seen = {name("John Smith", f"patient:{i}") for i in range(20)}
    assert len(seen) > 10


@given(st.from_regex(r"[A-Z][a-z]{2,10} [A-Z][a-z]{2,12}", fullmatch=True), st.text(max_size=8))
def test_a_name_surrogate_never_equals_its_original_parts(original: str, scope: str) -> None:
    new = name(original, scope)
    assert new != original
    for old_part, new_part in zip(original.split(), new.split(), strict=True):
        assert old_part.upper() != new_part.upper()
        assert new_part[0].isupper()  # Title stays Title


def test_a_name_span_holding_digits_is_not_surrogated() -> None:
    assert SURROGATES.name("Smith 12345", SCOPE) is None
    assert SURROGATES.for_label(PhiLabel.NAME, "Dr.", SCOPE) is None


def test_first_names_keep_their_gender_when_faker_knows_it() -> None:
    from faker.providers.person.en_US import Provider

    female = set(Provider.first_names_female) - set(Provider.first_names_male)
    for original in ("Jennifer", "Patricia", "Linda"):
        assert original in female
        assert name(original) in Provider.first_names_female


@given(st.from_regex(r"[A-Z0-9]{1,4}(-[A-Za-z0-9]{1,4}){0,2}", fullmatch=True))
def test_identifier_pseudonyms_keep_the_shape(value: str) -> None:
    new = shape_permute(KEY, "id/test", value)
    assert new is not None and new != value and len(new) == len(value)
    for old, char in zip(value, new, strict=True):
        assert old.isdigit() == char.isdigit()
        assert old.isupper() == char.isupper() and old.islower() == char.islower()
        if not old.isalnum():
            assert char == old
    assert shape_permute(KEY, "id/test", value) == new


def test_identifier_pseudonyms_are_a_permutation_without_fixed_points() -> None:
    values = [f"{i:03d}" for i in range(1000)]
    mapped = [shape_permute(KEY, "id/mrn", v) for v in values]
    assert sorted(mapped) == values  # a bijection on 000..999 ...
    assert all(a != b for a, b in zip(values, mapped, strict=True))  # ... moving every value


def test_mrn_and_patient_id_share_a_domain_and_accessions_do_not() -> None:
    assert SURROGATES.pseudonym("mrn", "1234567") == SURROGATES.pseudonym("patient_id", "1234567")
    assert SURROGATES.pseudonym("accession", "1234567") != SURROGATES.pseudonym("mrn", "1234567")
    assert SURROGATES.pseudonym("mrn", "123-4567") == "{}-{}".format(
        SURROGATES.pseudonym("mrn", "1234567")[:3], SURROGATES.pseudonym("mrn", "1234567")[3:]
    )
    assert SURROGATES.pseudonym("mrn", "---") is None


@pytest.mark.parametrize(
    ("label", "original"),
    [
        (PhiLabel.PHONE, "(617) 726-2000"),
        (PhiLabel.PHONE, "617.726.2000 x4321"),
        (PhiLabel.FAX, "+1 617 726 2000"),
        (PhiLabel.PHONE, "726-2000"),
        (PhiLabel.PHONE, "07700 900123"),
        (PhiLabel.PHONE, "0116 258 5000"),
    ],
)
def test_phones_use_the_fictional_555_01xx_range_in_the_same_layout(
    label: PhiLabel, original: str
) -> None:
    new = SURROGATES.for_label(label, original, SCOPE)
    assert new is not None and new != original
    assert [c.isdigit() for c in new] == [c.isdigit() for c in original]
    body = original.split(" x")[0]
    digits = "".join(c for c in new[: len(body)] if c.isdigit())
    assert digits[-7:-2] == "55501"
    if original.startswith("+1"):
        assert new.startswith("+1 ")
    if original.startswith("0"):
        assert new.startswith("0")  # a national trunk prefix stays


def test_contacts_use_reserved_ranges() -> None:
    email = SURROGATES.for_label(PhiLabel.EMAIL, "jane.doe@hospital.org", SCOPE)
    assert email is not None and email.split("@")[1] in EXAMPLE_DOMAINS
    url = SURROGATES.for_label(PhiLabel.URL, "https://www.hospital.org/patients/123", SCOPE)
    assert url is not None and url.startswith("https://www.example.")
    assert "hospital" not in url and "123" not in url
    ipv4 = SURROGATES.for_label(PhiLabel.IP, "10.20.30.40", SCOPE)
    assert ipv4 is not None and ipaddress.ip_address(ipv4) in ipaddress.ip_network("192.0.2.0/24")
    ipv6 = SURROGATES.for_label(PhiLabel.IP, "fe80::1", SCOPE)
    assert ipv6 is not None and ipaddress.ip_address(ipv6) in ipaddress.ip_network("2001:db8::/32")
    assert SURROGATES.for_label(PhiLabel.IP, "not an ip", SCOPE) is None
    ssn = SURROGATES.for_label(PhiLabel.SSN, "123-45-6789", SCOPE)
    assert ssn is not None and ssn[0] == "9" and len(ssn) == 11 and ssn[3] == ssn[6] == "-"


@pytest.mark.parametrize(
    ("label", "original"),
    [
        (PhiLabel.ADDRESS, "12 Elm Street"),
        (PhiLabel.ADDRESS, "12 Elm Street, Springfield, IL 62704"),
        (PhiLabel.LOCATION, "Springfield"),
        (PhiLabel.HOSPITAL, "St. Elsewhere General Hospital"),
        (PhiLabel.HOSPITAL, "SPRINGFIELD CLINIC"),
        (PhiLabel.ORGANIZATION, "Acme Imaging"),
    ],
)
def test_places_are_realistic_consistent_and_new(label: PhiLabel, original: str) -> None:
    new = SURROGATES.for_label(label, original, SCOPE)
    assert new is not None and new.upper() != original.upper()
    assert SURROGATES.for_label(label, original, SCOPE) == new
    if original.isupper():
        assert new.isupper()
    if label is PhiLabel.HOSPITAL:
        assert any(new.upper().endswith(w.upper()) for w in FACILITY_WORDS)
        assert new.upper().endswith(original.split()[-1].upper())
    if "," in original:
        assert "," in new


def test_the_global_random_state_is_never_touched() -> None:
    before_std, before_faker = random.getstate(), faker.generator.random.getstate()
    Surrogates(KEY).name("John Smith", SCOPE)
    assert random.getstate() == before_std
    assert faker.generator.random.getstate() == before_faker


def test_surrogates_pickle_for_worker_processes() -> None:
    copy = pickle.loads(pickle.dumps(SURROGATES))
    assert copy.name("John Smith", SCOPE) == name("John Smith")
    assert "hidden" in repr(copy)


REPEATED = [
    (PhiLabel.NAME, "John Smith"),
    (PhiLabel.MRN, "MR123456"),
    (PhiLabel.NAME, "SMITH, JOHN"),
    (PhiLabel.HOSPITAL, "Mercy Hospital"),
    (PhiLabel.NAME, "John Smith"),
    (PhiLabel.MRN, "MR123456"),
    (PhiLabel.SSN, "123-45-6789"),
    (PhiLabel.ZIP, "02114"),
    (PhiLabel.HOSPITAL, "Mercy Hospital"),
]


@pytest.mark.parametrize("scope", ["patient:P1", "patient:P2"])
def test_remembered_surrogates_equal_freshly_made_ones(scope: str) -> None:
    warm = Surrogates(KEY)
    remembered = [warm.for_label(label, text, scope) for label, text in REPEATED * 2]
    fresh = [Surrogates(KEY).for_label(label, text, scope) for label, text in REPEATED * 2]
    assert remembered == fresh
    assert warm.pseudonym("mrn", "MR123456") == shape_permute(KEY, "id/patient", "MR123456")
