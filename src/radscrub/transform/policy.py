"""Which action each PHI label gets: the mode's defaults, overridden per label by the config.

Actions (``radscrub.config.ACTIONS``): ``redact`` -> ``[LABEL]``; ``mask`` -> same length, every
letter/digit ``*``, separators kept; ``surrogate`` -> a realistic keyed replacement (see
:mod:`radscrub.transform.surrogates`); ``shift`` -> the date moved by the patient's offset;
``generalize`` -> AGE over 89 ``90+``, ZIP its Safe Harbor ZIP3 (``021XX``, ``000XX`` for the
restricted ZIP3s), DATE its year; ``keep`` -> unchanged.

| label | pseudonymise | anonymise |
|---|---|---|
| NAME, ADDRESS, LOCATION, HOSPITAL, ORGANIZATION | surrogate | surrogate |
| PHONE, FAX, EMAIL, URL, IP, SSN | surrogate | surrogate |
| MRN, ACCESSION, ID, ACCOUNT, HEALTH_PLAN, LICENSE, DEVICE_ID, VEHICLE_ID | surrogate | surrogate |
| DATE | shift | shift |
| TIME | keep | redact |
| AGE | generalize | generalize |
| ZIP | generalize | generalize |

Identifier surrogates are keyed pseudonyms of the same shape (one-off key in anonymise mode).
Both modes replace in the same realistic style ("hide in plain sight": PHI a detector missed is hard
to tell from the surrogates around it); anonymise mode differs by its key: a one-off random key
per Scrubber, so nothing can be linked back or across runs, and no crosswalk. TIME is kept in
pseudonymise mode because a time of day cannot place an event in the calendar once its date is
shifted, and intervals between times are clinically useful; anonymise mode removes it (Safe Harbor
counts every date element more specific than the year). For the strictest Safe Harbor reading set
``DATE = "generalize"`` (year only).

An action a label cannot take is applied as its nearest meaning: ``surrogate`` on DATE is
``shift``, on AGE is ``generalize``; every other combination without a meaning (``shift`` on a
NAME, ``generalize`` on a PHONE, ``surrogate`` on TIME) is ``redact``. Whatever cannot be done for
one span at run time (an unparseable date, an IP that is not one) is redacted, never kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from radscrub.config import TransformConfig
from radscrub.spans import PhiLabel

_SURROGATE_EVERYWHERE = {label: "surrogate" for label in PhiLabel}

PSEUDONYMISE: Mapping[PhiLabel, str] = MappingProxyType(
    {
        **_SURROGATE_EVERYWHERE,
        PhiLabel.DATE: "shift",
        PhiLabel.TIME: "keep",
        PhiLabel.AGE: "generalize",
        PhiLabel.ZIP: "generalize",
    }
)
"""Default action per label in pseudonymise mode."""

ANONYMISE: Mapping[PhiLabel, str] = MappingProxyType({**PSEUDONYMISE, PhiLabel.TIME: "redact"})
"""Default action per label in anonymise mode (with a one-off key)."""

DEFAULTS: Mapping[str, Mapping[PhiLabel, str]] = MappingProxyType(
    {"pseudonymise": PSEUDONYMISE, "anonymise": ANONYMISE}
)

_SUPPORTED: Mapping[str, frozenset[PhiLabel] | None] = MappingProxyType(
    {
        "redact": None,
        "mask": None,
        "keep": None,
        "shift": frozenset({PhiLabel.DATE}),
        "generalize": frozenset({PhiLabel.AGE, PhiLabel.ZIP, PhiLabel.DATE}),
        "surrogate": frozenset(set(PhiLabel) - {PhiLabel.TIME}),
    }
)
_NEAREST = {
    ("surrogate", PhiLabel.DATE): "shift",
    ("surrogate", PhiLabel.AGE): "generalize",
}


def effective_action(label: PhiLabel, action: str) -> str:
    """The action actually applied for ``action`` on ``label`` (see the module docstring)."""
    action = _NEAREST.get((action, label), action)
    if action not in _SUPPORTED:
        return "redact"
    labels = _SUPPORTED[action]
    return action if labels is None or label in labels else "redact"


def actions_for(config: TransformConfig) -> dict[PhiLabel, str]:
    """Label -> effective action: the mode's defaults with ``config.actions`` applied on top."""
    table = dict(DEFAULTS[config.mode])
    for name, action in config.actions.items():
        table[PhiLabel.parse(name)] = action
    return {label: effective_action(label, action) for label, action in table.items()}
