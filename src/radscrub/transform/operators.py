"""The six actions, as one engine the Transformer uses and as presidio-anonymizer Operators.

:class:`ActionEngine` applies an action to one span's text and falls back to redaction whenever the
action cannot be done (an unparseable date, a surrogate equal to its original): it never returns
the original for any action but ``keep`` (and ``generalize`` of a value already general, such as an
age under 90).

The presidio operators are named ``radscrub_redact``, ``radscrub_mask``,
``radscrub_surrogate``, ``radscrub_shift``, ``radscrub_generalize`` and ``radscrub_keep``
(presidio's own ``redact``, ``mask`` and ``keep`` stay untouched). Register them, then
configure them per entity::

    engine = AnonymizerEngine()
    register_operators(engine)
    engine.anonymize(text, results, {"PERSON": OperatorConfig("radscrub_surrogate",
                                                              {"key": key, "patient_id": "P1"})})

Params: ``key`` (a SecretKey, key bytes or ``radscrub keygen`` text; needed by surrogate and
shift), ``patient_id`` (optional: without it one scope per key is used, so every text shares one
date offset), ``label`` (a PhiLabel name; default: the entity type, presidio's own names such as
PERSON or PHONE_NUMBER are mapped), ``date_shift_min_days``/``date_shift_max_days``. A presidio
result carries no parsed date, so ``radscrub_shift`` parses the entity text with
:func:`radscrub.transform.dates.parse_date`.
"""

from __future__ import annotations

import functools
from typing import Any

import regex
from presidio_anonymizer.entities import InvalidParamError
from presidio_anonymizer.operators import Operator, OperatorType

from radscrub.config import TransformConfig
from radscrub.detect.datefmt import DateFormatError
from radscrub.detect.places import RESTRICTED_ZIP3
from radscrub.errors import ConfigError
from radscrub.spans import DateValue, PhiLabel
from radscrub.transform.dates import parse_date, shift_date
from radscrub.transform.keys import SecretKey, date_shift_days
from radscrub.transform.surrogates import Surrogates

MASK_CHAR = "*"
GENERALIZED_AGE = "90+"
PRESIDIO_LABELS = {
    "PERSON": PhiLabel.NAME,
    "DATE_TIME": PhiLabel.DATE,
    "PHONE_NUMBER": PhiLabel.PHONE,
    "EMAIL_ADDRESS": PhiLabel.EMAIL,
    "IP_ADDRESS": PhiLabel.IP,
    "US_SSN": PhiLabel.SSN,
    "MEDICAL_LICENSE": PhiLabel.LICENSE,
    "US_DRIVER_LICENSE": PhiLabel.LICENSE,
    "US_BANK_NUMBER": PhiLabel.ACCOUNT,
    "NRP": PhiLabel.ORGANIZATION,
}
"""presidio-analyzer's predefined entity types -> PhiLabel (others must be PhiLabel names)."""
_NUMBER = regex.compile(r"\d+")


def redact(label: PhiLabel | str) -> str:
    """``[LABEL]``."""
    return f"[{label.value if isinstance(label, PhiLabel) else label}]"


def mask(text: str) -> str:
    """Same length: every letter and digit becomes ``*``; spaces and punctuation stay."""
    return "".join(MASK_CHAR if ch.isalnum() else ch for ch in text)


def generalize(label: PhiLabel, text: str, value: DateValue | None = None) -> str | None:
    """AGE over 89 -> ``90+``; ZIP -> ZIP3 + ``XX`` (``000`` if restricted); DATE -> its year."""
    if label is PhiLabel.AGE:
        match = _NUMBER.search(text)
        if match is None:
            return None
        if int(match.group()) <= 89:
            return text
        return text[: match.start()] + GENERALIZED_AGE + text[match.end() :]
    if label is PhiLabel.ZIP:
        positions = [i for i, ch in enumerate(text) if ch.isdigit()]
        if len(positions) not in (5, 9):
            return None
        zip3 = "".join(text[i] for i in positions[:3])
        if zip3 in RESTRICTED_ZIP3:
            zip3 = "000"
        chars = list(text)
        for n, i in enumerate(positions):
            chars[i] = zip3[n] if n < 3 else "X"
        return "".join(chars)
    if label is PhiLabel.DATE:
        if value is None or value.year is None:
            return None
        return str(value.year)
    return None


def shift(value: DateValue | None, days: int) -> str | None:
    """The date moved by ``days`` in its own format; None when it cannot be (redact it)."""
    if value is None:
        return None
    try:
        return shift_date(value, days)
    except (DateFormatError, ValueError):  # DateShiftError and kin: the caller redacts
        return None


class ActionEngine:
    """Applies an action to one span's text with one key; shared by Transformer and operators."""

    def __init__(self, key: SecretKey, *, date_shift: tuple[int, int] = (-365, -30)) -> None:
        low, high = date_shift
        if low > high or (low == high == 0):
            raise ConfigError(f"invalid date shift range [{low}, {high}]")
        self._key = key
        self._low, self._high = low, high
        self.surrogates = Surrogates(key)

    def __repr__(self) -> str:
        return f"ActionEngine(key=<hidden>, date_shift=({self._low}, {self._high}))"

    def scope(self, patient_id: str | None, text: str = "") -> str:
        """``patient:<id>``, or a keyed digest of ``text`` when there is no patient id."""
        if patient_id is not None and patient_id.strip():
            return "patient:" + patient_id.strip()
        return "text:" + self._key.derive("text-scope", text).hex()

    def date_offset(self, scope: str) -> int:
        """The scope's day offset in the configured range, never 0."""
        return date_shift_days(self._key, scope, self._low, self._high)

    def apply(
        self,
        action: str,
        label: PhiLabel,
        text: str,
        scope: str,
        value: DateValue | None = None,
    ) -> tuple[str, str]:
        """``(action taken, new text)``; ``("redact", "[LABEL]")`` whenever ``action`` fails."""
        new: str | None
        if action == "keep":
            return action, text
        if action == "mask":
            new = mask(text)
        elif action == "surrogate":
            new = self.surrogates.for_label(label, text, scope)
        elif action == "shift" and label is PhiLabel.DATE:
            new = shift(value, self.date_offset(scope))
        elif action == "generalize":
            new = generalize(label, text, value)
            if new is not None:
                return action, new
        else:
            new = None
        if new is None or new == text:
            return "redact", redact(label)
        return action, new


@functools.lru_cache(maxsize=4)
def _engine(key: SecretKey, low: int, high: int) -> ActionEngine:
    return ActionEngine(key, date_shift=(low, high))


class _RadscrubOperator(Operator):
    """Base of the presidio operators: validates params, maps the label, runs ActionEngine."""

    action = ""
    needs_key = False

    def operator_name(self) -> str:
        return "radscrub_" + self.action

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize

    def validate(self, params: dict[str, Any] | None = None) -> None:
        params = params or {}
        _label(params)
        if self.needs_key or params.get("key") is not None:
            _key(params)
        patient = params.get("patient_id")
        if patient is not None and not isinstance(patient, str):
            raise InvalidParamError("radscrub operators: patient_id must be a string")
        low, high = _range(params)
        if low > high or low == high == 0:
            raise InvalidParamError(
                "radscrub operators: need date_shift_min_days <= date_shift_max_days, not both 0"
            )

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        params = params or {}
        label = _label(params)
        if label is None:
            name = str(params.get("label") or params.get("entity_type") or "PHI")
            return text if self.action == "keep" else redact(name)
        if self.action in ("redact", "mask", "keep", "generalize") and params.get("key") is None:
            return _keyless(self.action, label, text)
        engine = _engine(_key(params), *_range(params))
        scope = engine.scope(params.get("patient_id"), "")
        value = parse_date_or_none(text) if label is PhiLabel.DATE else None
        return engine.apply(self.action, label, text, scope, value)[1]


def _keyless(action: str, label: PhiLabel, text: str) -> str:
    if action == "keep":
        return text
    if action == "mask":
        new = mask(text)
    elif action == "generalize":
        value = parse_date_or_none(text) if label is PhiLabel.DATE else None
        general = generalize(label, text, value)
        return general if general is not None else redact(label)
    else:
        return redact(label)
    return new if new != text else redact(label)


def parse_date_or_none(text: str) -> DateValue | None:
    """:func:`radscrub.transform.dates.parse_date`: the whole text as one date, else None."""
    return parse_date(text)


def _label(params: dict[str, Any]) -> PhiLabel | None:
    name = params.get("label") or params.get("entity_type")
    if isinstance(name, PhiLabel):
        return name
    if not isinstance(name, str):
        return None
    if name in PRESIDIO_LABELS:
        return PRESIDIO_LABELS[name]
    try:
        return PhiLabel.parse(name)
    except ValueError:
        if params.get("label") is not None:
            raise InvalidParamError(
                f"radscrub operators: unknown label {name!r}; use a PhiLabel name"
            ) from None
        return None


def _key(params: dict[str, Any]) -> SecretKey:
    raw = params.get("key")
    if raw is None:
        raise InvalidParamError(
            "radscrub operators: this action needs params['key'] (a radscrub.transform.keys."
            "SecretKey, key bytes, or the text written by `radscrub keygen`)"
        )
    try:
        return SecretKey.parse(raw, source="params['key']")
    except ConfigError as exc:
        raise InvalidParamError(f"radscrub operators: {exc}") from None


def _range(params: dict[str, Any]) -> tuple[int, int]:
    defaults = TransformConfig()
    low = params.get("date_shift_min_days", defaults.date_shift_min_days)
    high = params.get("date_shift_max_days", defaults.date_shift_max_days)
    if not isinstance(low, int) or not isinstance(high, int):
        raise InvalidParamError("radscrub operators: date shift bounds must be integers")
    return low, high


class RedactOperator(_RadscrubOperator):
    """``[LABEL]``."""

    action = "redact"


class MaskOperator(_RadscrubOperator):
    """Every letter and digit becomes ``*``."""

    action = "mask"


class SurrogateOperator(_RadscrubOperator):
    """A keyed realistic surrogate (needs ``key``)."""

    action = "surrogate"
    needs_key = True


class ShiftOperator(_RadscrubOperator):
    """The date moved by the patient's keyed offset (needs ``key``)."""

    action = "shift"
    needs_key = True


class GeneralizeOperator(_RadscrubOperator):
    """AGE over 89 -> ``90+``, ZIP -> ZIP3, DATE -> year."""

    action = "generalize"


class KeepOperator(_RadscrubOperator):
    """The text unchanged."""

    action = "keep"


OPERATORS: tuple[type[Operator], ...] = (
    RedactOperator,
    MaskOperator,
    SurrogateOperator,
    ShiftOperator,
    GeneralizeOperator,
    KeepOperator,
)


def register_operators(engine: Any) -> None:
    """Add every radscrub operator to a presidio ``AnonymizerEngine``."""
    for operator in OPERATORS:
        engine.add_anonymizer(operator)
