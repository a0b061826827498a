"""Resolution: snapping, filtering and overlap merging are deterministic and offset-exact."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.resolve import merge_overlaps, resolve, snap
from radscrub.spans import DateValue, PhiLabel, PhiSpan

TEXT = "Seen by Dr. John Smith, MD on 03/14/2019 (follow-up)."


def span(start: int, end: int, label: PhiLabel = PhiLabel.NAME, score: float = 0.9) -> PhiSpan:
    return PhiSpan(start, end, label, score, "test", TEXT[start:end])


def test_snap_trims_edge_punctuation_and_space() -> None:
    raw = span(TEXT.index(" John"), TEXT.index(" MD"))  # " John Smith,"
    snapped = snap(raw, TEXT)
    assert snapped is not None
    assert TEXT[snapped.start : snapped.end] == "John Smith"
    assert snapped.text == "John Smith"


def test_snap_drops_unbalanced_bracket_and_empty_span() -> None:
    start = TEXT.index("(")
    raw = span(start + 1, start + 11)  # "follow-up)"
    snapped = snap(raw, TEXT)
    assert snapped is not None and snapped.text == "follow-up"
    assert snap(span(TEXT.index(","), TEXT.index(",") + 2), TEXT) is None


def test_overlaps_merge_to_union_with_the_longer_members_label() -> None:
    a = span(12, 16)  # John
    b = span(12, 22, PhiLabel.HOSPITAL, 0.5)  # John Smith
    c = span(17, 22)  # Smith
    (merged,) = merge_overlaps([a, b, c], TEXT)
    assert (merged.start, merged.end, merged.label) == (12, 22, PhiLabel.HOSPITAL)


def test_partial_overlap_covers_union_and_drops_parsed_value() -> None:
    value = DateValue(2019, 3, 14, "{MM}/{DD}/{YYYY}")
    start = TEXT.index("03/")
    date = PhiSpan(start, start + 10, PhiLabel.DATE, 0.9, "d", TEXT[start : start + 10], value)
    other = span(start - 3, start + 2, PhiLabel.ID, 0.5)
    (merged,) = merge_overlaps([date, other], TEXT)
    assert (merged.start, merged.end) == (start - 3, start + 10)
    assert merged.label is PhiLabel.DATE and merged.value is None


def test_resolve_filters_low_scores_and_allowed_spans() -> None:
    spans = [span(12, 22, score=0.3), span(30, 40, PhiLabel.DATE)]
    assert [s.label for s in resolve(spans, TEXT, min_score=0.4)] == [PhiLabel.DATE]
    assert resolve(spans, TEXT, allowed=lambda s: s.label is PhiLabel.DATE) == [spans[0]]


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[PhiSpan]]:
    text = draw(st.text(min_size=1, max_size=60))
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        label = draw(st.sampled_from(list(PhiLabel)))
        spans.append(PhiSpan(a, b, label, draw(st.floats(0, 1)), "h", text[a:b]))
    return text, spans


@given(text_and_spans())
def test_resolved_spans_are_sorted_disjoint_in_bounds_and_cover_every_kept_character(
    case: tuple[str, list[PhiSpan]],
) -> None:
    text, spans = case
    out = resolve(spans, text)
    assert all(0 <= s.start < s.end <= len(text) for s in out)
    assert all(a.end <= b.start for a, b in itertools.pairwise(out))
    assert all(s.text == text[s.start : s.end] for s in out)
    covered = {i for s in out for i in range(s.start, s.end)}
    for s in spans:  # every non-edge character any detector claimed stays covered
        snapped = snap(s, text)
        if snapped is not None:
            assert set(range(snapped.start, snapped.end)) <= covered
    assert resolve(spans, text) == out  # deterministic


@pytest.mark.parametrize("mask", ["XXXX", "___", "**", "XX/XX/XXXX", "xxx-xx-xxxx"])
def test_masks_of_an_earlier_deidentification_are_no_phi(mask: str) -> None:
    text = f"Dr. {mask} was notified."
    span = PhiSpan(4, 4 + len(mask), PhiLabel.NAME, 0.9, "test", mask)
    assert resolve([span], text) == []


@pytest.mark.parametrize("value", ["Max", "Xu", "XX12", "x"])
def test_names_and_codes_with_mask_letters_are_kept(value: str) -> None:
    text = f"Dr. {value} was notified."
    span = PhiSpan(4, 4 + len(value), PhiLabel.NAME, 0.9, "test", value)
    assert [s.text for s in resolve([span], text)] == [value]
