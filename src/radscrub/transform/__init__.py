"""Transforms: what replaces each span (redact, mask, surrogate, shift, generalize, keep).

Two modes (ACR data-sharing terms): **anonymise** removes or replaces PHI with no way back (a
one-off random key per Scrubber, no crosswalk); **pseudonymise** replaces the patient's identity by
a keyed pseudo-identity that stays the same across reports, runs and machines, and that a key
holder can relink through the optional encrypted crosswalk. The label -> action table per mode is
in :mod:`radscrub.transform.policy`.

Per-patient consistency needs the patient id (``scrub(text, patient_id=...)``). Without one, the
scope is the text itself: dates within one text keep their intervals and names agree within it,
but across texts only texts with patient ids are linked. Identifier pseudonyms (MRN, accession,
other ids) depend on the value alone, so they agree everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from radscrub.config import TransformConfig
from radscrub.detect.base import EMPTY_CONTEXT, RecordContext
from radscrub.errors import ConfigError, InputError
from radscrub.spans import PhiLabel, PhiSpan, ScrubResult
from radscrub.transform.crosswalk import Crosswalk
from radscrub.transform.keys import KeyLike, SecretKey, load_key
from radscrub.transform.oldage import AGE_LIMIT_YEARS, reference_year, reveals_old_age
from radscrub.transform.operators import ActionEngine, mask, parse_date_or_none
from radscrub.transform.policy import actions_for
from radscrub.transform.render import splice

__all__ = ["SecretKey", "Transformer", "splice"]

FIELD_KINDS = ("name", "patient_id", "mrn", "accession", "date")
"""Structured-column kinds ``transform_field`` knows; any other kind is dropped (None)."""
_RECORDED = {PhiLabel.MRN: "patient", PhiLabel.ACCESSION: "accession"}
_ID_LABELS = {"mrn": PhiLabel.MRN, "accession": PhiLabel.ACCESSION}


class Transformer:
    """Turns a text and its resolved spans into a ScrubResult, following the TransformConfig.

    ``key`` (or ``key_file``) overrides the config's key sources (see
    :mod:`radscrub.transform.keys`); pseudonymise mode without any key raises KeyMissingError.
    """

    def __init__(
        self,
        config: TransformConfig | None = None,
        *,
        key: KeyLike | None = None,
        key_file: str | Path | None = None,
        crosswalk: str | Path | None = None,
    ) -> None:
        self.config = config or TransformConfig()
        self._key = load_key(self.config, key, key_file=key_file)
        self.actions: dict[PhiLabel, str] = actions_for(self.config)
        self._engine = ActionEngine(
            self._key,
            date_shift=(self.config.date_shift_min_days, self.config.date_shift_max_days),
        )
        path = crosswalk if crosswalk is not None else self.config.crosswalk
        if path is not None and self.config.mode != "pseudonymise":
            raise ConfigError(
                "a crosswalk is written in pseudonymise mode only: anonymised output must have no "
                "way back. Set transform.mode = 'pseudonymise' or drop the crosswalk."
            )
        self.crosswalk = Crosswalk(path, self._key) if path is not None else None
        self._recorded: set[tuple[str, str]] = set()

    def __repr__(self) -> str:
        return f"Transformer(mode={self.config.mode!r}, key=<hidden>)"

    def transform(
        self, text: str, spans: Sequence[PhiSpan], context: RecordContext = EMPTY_CONTEXT
    ) -> ScrubResult:
        """Replace every (sorted, disjoint) span by its label's action; failures are redacted.

        A DATE revealing an age over 89 (see :mod:`radscrub.transform.oldage`) is redacted
        unless the DATE action is ``keep``.
        """
        scope = self._engine.scope(context.patient_id, text)
        reference = reference_year(spans, context.known.get("date", ()))
        date_action = self.actions[PhiLabel.DATE]

        def replace(span: PhiSpan) -> tuple[str, str]:
            original = text[span.start : span.end]
            action = self.actions[span.label]
            if date_action != "keep" and reveals_old_age(span, reference):
                action = "redact"
            taken, new = self._engine.apply(action, span.label, original, scope, span.value)
            if taken == "surrogate" and span.label in _RECORDED:
                self._record(_RECORDED[span.label], original, new)
            return taken, new

        new_text, replacements = splice(text, spans, replace)
        return ScrubResult(new_text, tuple(spans), replacements, context.patient_id)

    def transform_field(
        self, kind: str, value: str, context: RecordContext = EMPTY_CONTEXT
    ) -> str | None:
        """A structured export column's value, or None to drop it.

        ``name`` -> None (names are dropped); ``patient_id`` -> its pseudonym; ``mrn`` and
        ``accession`` -> their label's action (surrogate = the same pseudonym as in text);
        ``date`` -> parsed and given the DATE action in the patient's scope (unparseable -> None;
        None too when it reveals an age over 89 against the record's latest known ``date``);
        any other kind -> None. A redacted value is None.
        """
        kind = kind.strip().lower()
        if value is None or not str(value).strip() or kind not in FIELD_KINDS or kind == "name":
            return None
        value = str(value)
        if kind == "patient_id":
            return self.pseudonym(kind, value)
        if kind in _ID_LABELS:
            action = self.actions[_ID_LABELS[kind]]
            if action == "surrogate":
                return self.pseudonym(kind, value)
            if action == "keep":
                return value
            return mask(value) if action == "mask" else None
        parsed = parse_date_or_none(value.strip())
        if parsed is None:
            return None
        action = self.actions[PhiLabel.DATE]
        reference = reference_year((), context.known.get("date", ()))
        old = reference is not None and reference - (parsed.year or reference) >= AGE_LIMIT_YEARS
        if action != "keep" and old:
            return None
        scope = self._engine.scope(context.patient_id, value)
        taken, new = self._engine.apply(action, PhiLabel.DATE, value.strip(), scope, parsed)
        return None if taken == "redact" else new

    def pseudonym(self, kind: str, value: str) -> str:
        """The keyed pseudonym of an identifier: same shape, never the value, stable per key.

        ``kind`` names the id's domain: ``patient_id`` and ``mrn`` share one (an MRN in text and
        the patient-id column agree); ``accession``, ``report_id`` or any other name each get
        their own. Recorded in the crosswalk when there is one.
        """
        cleaned = str(value).strip()
        if not cleaned:
            raise InputError(f"cannot pseudonymise an empty {kind}")
        pseudonym = self._engine.surrogates.pseudonym(kind, cleaned)
        if pseudonym is None:  # no letter or digit to keep the shape of
            pseudonym = "ID-" + self._key.derive("id-token", kind.lower(), cleaned).hex()[:12]
        domain = "patient" if kind.lower() in ("patient_id", "mrn", "patient") else kind.lower()
        self._record(domain, cleaned, pseudonym)
        return pseudonym

    def date_offset(self, patient_id: str) -> int:
        """The patient's date shift in days (for audits and tests; never 0)."""
        if not patient_id.strip():
            raise InputError("date_offset needs a patient id (a blank id means no patient)")
        return self._engine.date_offset(self._engine.scope(patient_id))

    def _record(self, kind: str, original: str, pseudonym: str) -> None:
        if self.crosswalk is None or (kind, original) in self._recorded:
            return
        self.crosswalk.add(kind, original, pseudonym)
        self._recorded.add((kind, original))
