"""ReportBuilder: spans are recorded while text is appended, and always point at their value."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.corpus.builder import Phi, ReportBuilder, Span, template_literals, validate
from radscrub.spans import PhiLabel

NAME, DATE, TIME = PhiLabel.NAME, PhiLabel.DATE, PhiLabel.TIME


@pytest.mark.parametrize(
    ("case", "frags", "text", "covered"),
    [
        ("", ("Seen by Dr. ", Phi("Weiß", NAME), "."), "Seen by Dr. Weiß.", ["Weiß"]),
        ("upper", ("Straße ", Phi("Weiß", NAME), "."), "STRASSE WEISS.", ["WEISS"]),
        ("lower", ("DOB: ", Phi("14-MAR-2019", DATE)), "dob: 14-mar-2019", ["14-mar-2019"]),
        ("", (("a ", Phi("x", NAME)), (" b ", (Phi("y", DATE),))), "a x b y", ["x", "y"]),
        ("", ("signed ", Phi("Jo Li", NAME), " M.D.", ".", "\n"), "signed Jo Li M.D.\n", ["Jo Li"]),
    ],
)
def test_add_records_exact_offsets(case, frags, text, covered):
    b = ReportBuilder(case=case)
    b.add(*frags)
    assert b.text == text
    assert [b.text[s.start : s.end] for s in b.spans] == covered
    validate(b.text, b.spans)


def test_fill_slots_in_template_order():
    b = ReportBuilder()
    b.fill(
        "Discussed with {dr} at {time}.", dr=("Dr. ", Phi("Ann Lee", NAME)), time=Phi("14:05", TIME)
    )
    assert b.text == "Discussed with Dr. Ann Lee at 14:05."
    assert [(s.label, b.text[s.start : s.end]) for s in b.spans] == [
        (NAME, "Ann Lee"),
        (TIME, "14:05"),
    ]


@pytest.mark.parametrize(
    ("template", "slots", "error"),
    [
        ("at {time}", {}, KeyError),
        ("at {time:>5}", {"time": "x"}, ValueError),
        ("at {time!r}", {"time": "x"}, ValueError),
    ],
)
def test_fill_rejects_bad_templates(template, slots, error):
    with pytest.raises(error):
        ReportBuilder().fill(template, **slots)


@pytest.mark.parametrize("value", ["", " Ann", "Ann ", "\nAnn"])
def test_phi_must_be_unpadded(value):
    with pytest.raises(ValueError, match="unpadded"):
        Phi(value, NAME)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("abc", [Span(0, 4, NAME)]),
        ("abcdef", [Span(0, 3, NAME), Span(2, 5, DATE)]),
        ("abcdef", [Span(3, 5, NAME), Span(0, 2, DATE)]),
        ("ab cd", [Span(2, 4, NAME)]),
        ("abc", [Span(2, 2, NAME)]),
    ],
)
def test_validate_rejects_bad_spans(text, spans):
    with pytest.raises(ValueError):
        validate(text, spans)


def test_drop_punct_never_touches_values():
    rng = random.Random(0)
    b = ReportBuilder(rng=rng, drop_punct=1.0)
    b.add("No acute findings. Called at ", Phi("3:00 p.m.", TIME), ". Done.")
    assert b.text == "No acute findings Called at 3:00 p.m. Done"
    assert b.text[b.spans[0].start : b.spans[0].end] == "3:00 p.m."


def test_template_literals():
    assert template_literals("Seen at {hospital} on {date}.") == ["Seen at ", " on ", "."]


_piece = st.one_of(
    st.text(alphabet="abcßẞ .:\n-ǅİı", max_size=6),
    st.builds(
        Phi,
        st.text(alphabet="abcßİıǅ0123456789/:-", min_size=1, max_size=8),
        st.sampled_from(list(PhiLabel)),
    ),
)


@given(st.lists(_piece, max_size=12), st.sampled_from(["", "upper", "lower"]))
def test_spans_always_cover_their_cased_value(pieces, case):
    b = ReportBuilder(case=case)
    b.add(*pieces)
    phis = [p for p in pieces if isinstance(p, Phi)]
    assert len(b.spans) == len(phis)
    for span, phi in zip(b.spans, phis, strict=True):
        want = {"upper": phi.text.upper(), "lower": phi.text.lower(), "": phi.text}[case]
        assert b.text[span.start : span.end] == want
        assert span.label is phi.label
    assert all(a.end <= c.start for a, c in zip(b.spans, b.spans[1:], strict=False))
