"""Consistent, realistic surrogates ("hide in plain sight"), all derived from the secret key.

Every draw seeds a private Faker (``en_US``, pinned version) with an integer
``HMAC(key, domain, scope, normalised value)``; the global random seed is never touched. ``scope``
is the patient (or the per-text fallback, see :mod:`radscrub.transform`), so a value gets the same
surrogate in every report of a patient, in every run, on every machine. A surrogate never equals
its original (it is re-drawn; if that cannot succeed the caller redacts).

- Names: first and last names are replaced separately, keyed on the normalised part, and rendered
  in the original shape (order, commas, initials, case), so "John Smith", "SMITH, JOHN",
  "J. Smith", "Mr. Smith" and "Smith" stay consistent. A surrogate's initial is a keyed function of
  the original initial (so "J." and "John" agree); first names keep their gender when Faker's lists
  tell it. Titles, credentials and lower-case particles ("van der") are kept.
- Identifiers keep their shape (length, separators, letter/digit positions and case) through a
  keyed format-preserving permutation without fixed points: distinct ids never collide and an id
  never maps to itself. MRN and patient ids share one domain; accessions have their own.
- Phones use the fictional 555-01xx range; e-mails and URLs the RFC 2606 example domains; IPs the
  documentation ranges 192.0.2.0/24 and 2001:db8::/32; SSNs the never-issued 9xx area.
- Addresses, cities and organisations come from Faker; hospitals are a Faker surname plus a
  facility word ("Holt Memorial Hospital"), fictional by construction.
"""

from __future__ import annotations

import functools
import ipaddress
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import regex
from faker import Faker
from faker.providers.person.en_US import Provider as _PersonProvider

from radscrub.spans import PhiLabel
from radscrub.transform.keys import SecretKey

LOCALE = "en_US"
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
"""RFC 2606 reserved domains: surrogate e-mails and URLs never reach a real host."""
FACILITY_WORDS = (
    "General Hospital",
    "Memorial Hospital",
    "Community Hospital",
    "Medical Center",
    "Regional Medical Center",
    "Imaging Center",
    "Clinic",
    "Health Center",
)
TITLES = frozenset((
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "rev", "sir",
    "dame", "sister", "nurse",
))  # fmt: skip
"""Words before a name that are kept as written (compared lower case, no dot)."""
CREDENTIALS = frozenset((
    "md", "do", "phd", "rn", "np", "pa", "pac", "dds", "dmd", "dpm", "mph", "mba", "facr",
    "frcr", "jr", "sr", "ii", "iii", "iv",
))  # fmt: skip
"""Words after a name that are kept: degrees, credentials, generational suffixes."""
PARTICLES = frozenset((
    "van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "st",
    "ter", "ten", "bin", "al", "el",
))  # fmt: skip
"""Surname particles kept when lower case before a capitalised word (``van der Berg``)."""
ID_DOMAINS = {"mrn": "patient", "patient_id": "patient", "patient": "patient"}
"""Pseudonym kinds that share one domain: an MRN in text and the patient-id column agree."""

_TOKEN = regex.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
_DOTTED_CREDENTIAL = regex.compile(
    r"(?<![^\W\d_])(?:M\.D|D\.O|Ph\.D|R\.N|N\.P|P\.A|D\.D\.S|D\.M\.D)\.?(?![^\W\d_])"
)
_PUNCTUATION = regex.compile(r"[^\w\s]")
_EXTENSION = regex.compile(r"(?i)\s*(?:x|ext\.?|extension)\s*\d+\s*$")
_URL_PARTS = regex.compile(r"(?i)^(\w[\w+.-]*://)?(www\d?\.)?([^/?#\s]*)(.*)$")
_MAX_ATTEMPTS = 12
REMEMBERED = 4096
"""Surrogates and pseudonyms kept per Surrogates instance (a few hundred KB at most)."""


@dataclass(frozen=True)
class _Part:
    start: int
    end: int
    role: str  # "first", "last", "first-initial", "last-initial" or "keep"


class Surrogates:
    """Keyed surrogate factory: ``for_label(label, text, scope)``, ``name``, ``pseudonym`` ...

    Thread-safe (one lock around the private Faker); picklable (the Faker is rebuilt). Results
    are pure functions of (key, inputs), so the latest :data:`REMEMBERED` of them are kept: a
    patient's name or MRN recurs within a report and across a batch.
    """

    def __init__(self, key: SecretKey) -> None:
        self._key = key
        self._faker = Faker(LOCALE)
        self._lock = threading.Lock()
        self._surrogate = functools.lru_cache(maxsize=REMEMBERED)(self._make)
        self._permute = functools.lru_cache(maxsize=REMEMBERED)(
            functools.partial(shape_permute, key)
        )

    def __getstate__(self) -> dict[str, object]:
        return {"key": self._key}

    def __setstate__(self, state: dict[str, object]) -> None:
        key = state["key"]
        assert isinstance(key, SecretKey)
        self.__init__(key)  # type: ignore[misc]

    def __repr__(self) -> str:
        return "Surrogates(key=<hidden>)"

    # ----------------------------------------------------------------- dispatch

    def for_label(self, label: PhiLabel, text: str, scope: str) -> str | None:
        """A surrogate for ``text`` of kind ``label``; None when none can be made (redact it)."""
        return self._surrogate(label, text, scope)

    def _make(self, label: PhiLabel, text: str, scope: str) -> str | None:
        maker = _MAKERS.get(label)
        if maker is None:
            return None
        new = maker(self, text, scope)
        if new is None or _same(new, text):
            return None
        return new

    # ----------------------------------------------------------------- Faker draws

    def _draw(self, parts: tuple[str, ...], draw: Callable[[Faker], str], original: str) -> str:
        """Seed the private Faker from HMAC(parts, attempt) and draw until the result differs."""
        for attempt in range(_MAX_ATTEMPTS):
            seed = self._key.derive_int("surrogate", *parts, str(attempt))
            with self._lock:
                self._faker.seed_instance(seed)
                value = draw(self._faker)
            if not _same(value, original):
                return value
        return ""

    def _digits(self, count: int, *parts: str) -> str:
        """``count`` keyed decimal digits."""
        out = ""
        block = 0
        while len(out) < count:
            out += str(self._key.derive_int("digits", *parts, str(block))).zfill(77)[-70:]
            block += 1
        return out[:count]

    # ----------------------------------------------------------------- names

    def name(self, text: str, scope: str) -> str | None:
        """Replace each name part in place; None if the span has no name part or holds digits."""
        if any(ch.isdigit() for ch in text):
            return None  # e.g. a merged span: never keep digits from a NAME span
        parts = [p for p in parse_name(text) if p.role != "keep"]
        if not parts:
            return None
        pieces: list[str] = []
        cursor = 0
        for part in parts:
            pieces.append(text[cursor : part.start])
            original = text[part.start : part.end]
            pieces.append(_case_like(original, self._name_part(part.role, original, scope)))
            cursor = part.end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def _name_part(self, role: str, original: str, scope: str) -> str:
        norm = normalise_name(original)
        if not norm:
            return "X"
        kind = "first" if role.startswith("first") else "last"
        initial = self._initial(kind, norm[0], scope)
        if role.endswith("initial"):
            return initial
        gender = _gender(norm) if kind == "first" else ""
        pool = _name_pool(kind, initial, gender)
        return (
            self._draw(
                ("name-" + kind, scope, norm),
                lambda fake: str(fake.random_element(pool)),
                original,
            )
            or initial
        )

    def _initial(self, kind: str, letter: str, scope: str) -> str:
        """The surrogate initial of ``letter``: keyed per scope, never ``letter`` itself."""
        candidates = [c for c in _initials(kind) if c != letter]
        index = self._key.derive_int("name-initial", kind, scope, letter) % len(candidates)
        return candidates[index]

    # ----------------------------------------------------------------- identifiers

    def pseudonym(self, kind: str, value: str) -> str | None:
        """The keyed, shape-keeping pseudonym of an identifier; None if it has no letter/digit."""
        domain = ID_DOMAINS.get(kind.lower(), kind.lower())
        return self._permute("id/" + domain, value)

    def ssn(self, text: str, scope: str) -> str | None:
        """9xx-xx-xxxx: the area numbers 900-999 are never issued as SSNs."""
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if len(digits) != 9:
            return self._permute("id/SSN", text)
        rest = self._permute("id/SSN", "".join(text[i] for i in digits[1:])) or ""
        chars = list(text)
        for i, digit in zip(digits, "9" + rest, strict=True):
            chars[i] = digit
        return "".join(chars)

    def phone(self, text: str, scope: str) -> str | None:
        """Same layout; the last seven digits become 555-01xx (reserved for fiction); a leading
        trunk "0" or international "00" is kept ("07700 900123" -> "0xxxx 55501xx")."""
        body, ext = _split_extension(text)
        positions = [i for i, ch in enumerate(body) if ch.isdigit()]
        if not positions:
            return None
        norm = "".join(body[i] for i in positions)
        for attempt in range(_MAX_ATTEMPTS):
            stream = self._digits(len(positions) + 3, "phone", scope, norm, str(attempt))
            if len(positions) >= 7:
                prefix_len = len(positions) - 7
                prefix = list(stream[:prefix_len])
                if prefix_len >= 3:  # area code: first digit 2-9
                    prefix[-3] = str(2 + int(prefix[-3]) % 8)
                if prefix_len >= 4 and norm[0] == "1":
                    prefix[0] = "1"  # keep the country code of +1 numbers
                for i in range(min(prefix_len, 2)):  # a trunk "0" or an international "00"
                    if norm[i] != "0":
                        break
                    prefix[i] = "0"
                new_digits = "".join(prefix) + "55501" + stream[prefix_len : prefix_len + 2]
            else:
                new_digits = stream[: len(positions)]
            if new_digits != norm:
                break
        else:
            return None
        chars = list(body)
        for i, digit in zip(positions, new_digits, strict=True):
            chars[i] = digit
        if ext:
            ext_positions = [i for i, ch in enumerate(ext) if ch.isdigit()]
            ext_digits = self._digits(len(ext_positions), "phone-ext", scope, ext)
            ext_chars = list(ext)
            for i, digit in zip(ext_positions, ext_digits, strict=True):
                ext_chars[i] = digit
            ext = "".join(ext_chars)
        return "".join(chars) + ext

    def email(self, text: str, scope: str) -> str | None:
        """A Faker user name at an RFC 2606 example domain."""
        norm = text.strip().lower()
        domain = EXAMPLE_DOMAINS[self._key.derive_int("email-domain", scope, norm) % 3]
        user = self._draw(("email", scope, norm), lambda fake: str(fake.user_name()), "")
        return _case_like(text.strip(), f"{user}@{domain}") if user else None

    def url(self, text: str, scope: str) -> str | None:
        """Scheme and ``www.`` kept; host an example domain; a non-empty path becomes a slug."""
        match = _URL_PARTS.match(text.strip())
        if match is None:  # pragma: no cover - the pattern matches every string
            return None
        scheme, www, _host, rest = match.groups()
        norm = text.strip().lower()
        domain = EXAMPLE_DOMAINS[self._key.derive_int("url-domain", scope, norm) % 3]
        path = ""
        if rest and rest != "/":
            slug = self._draw(("url", scope, norm), lambda fake: str(fake.slug()), "")
            path = "/" + slug
        elif rest == "/":
            path = "/"
        return f"{(scheme or '').lower()}{(www or '').lower()}{domain}{path}"

    def ip(self, text: str, scope: str) -> str | None:
        """An address from the documentation ranges, same IP version; None if not an IP."""
        try:
            address = ipaddress.ip_address(text.strip())
        except ValueError:
            return None
        seed = self._key.derive_int("ip", scope, address.compressed)
        if address.version == 4:
            return f"192.0.2.{1 + seed % 254}"
        host = seed % (1 << 96)
        return str(ipaddress.IPv6Address((0x20010DB8 << 96) | host))

    def zip_code(self, text: str, scope: str) -> str | None:
        """Keyed digits in the ZIP's own shape (the generalize action is the usual choice)."""
        return self._permute("id/ZIP", text)

    # ----------------------------------------------------------------- places, organisations

    def address(self, text: str, scope: str) -> str | None:
        """A Faker street address; a full address (comma or line break) gets city/state/ZIP too."""
        norm = _normalise_text(text)
        if "\n" in text.strip() or "," in text:
            sep = "\n" if "\n" in text.strip() else ", "
            draw: Callable[[Faker], str] = lambda fake: str(fake.address()).replace("\n", sep)  # noqa: E731
        else:
            draw = lambda fake: str(fake.street_address())  # noqa: E731
        new = self._draw(("address", scope, norm), draw, text)
        return _case_like(text, new) if new else None

    def location(self, text: str, scope: str) -> str | None:
        """A Faker city."""
        new = self._draw(("location", scope, _normalise_text(text)), _city, text)
        return _case_like(text, new) if new else None

    def hospital(self, text: str, scope: str) -> str | None:
        """A Faker surname plus a facility word matching the original's last word when possible."""
        norm = _normalise_text(text)
        last = norm.split()[-1] if norm.split() else ""
        words = [w for w in FACILITY_WORDS if w.split()[-1].upper() == last] or list(FACILITY_WORDS)
        word = words[self._key.derive_int("hospital-word", scope, norm) % len(words)]
        new = self._draw(("hospital", scope, norm), lambda fake: f"{fake.last_name()} {word}", text)
        return _case_like(text, new) if new else None

    def organization(self, text: str, scope: str) -> str | None:
        """A Faker company name."""
        new = self._draw(
            ("organization", scope, _normalise_text(text)), lambda f: str(f.company()), text
        )
        return _case_like(text, new) if new else None


def _city(fake: Faker) -> str:
    return str(fake.city())


def _identifier_maker(label: PhiLabel) -> Callable[[Surrogates, str, str], str | None]:
    def make(surrogates: Surrogates, text: str, scope: str) -> str | None:
        return surrogates.pseudonym(label.value, text)

    return make


_MAKERS: dict[PhiLabel, Callable[[Surrogates, str, str], str | None]] = {
    PhiLabel.NAME: Surrogates.name,
    PhiLabel.PHONE: Surrogates.phone,
    PhiLabel.FAX: Surrogates.phone,
    PhiLabel.EMAIL: Surrogates.email,
    PhiLabel.URL: Surrogates.url,
    PhiLabel.IP: Surrogates.ip,
    PhiLabel.SSN: Surrogates.ssn,
    PhiLabel.ZIP: Surrogates.zip_code,
    PhiLabel.ADDRESS: Surrogates.address,
    PhiLabel.LOCATION: Surrogates.location,
    PhiLabel.HOSPITAL: Surrogates.hospital,
    PhiLabel.ORGANIZATION: Surrogates.organization,
    **{
        label: _identifier_maker(label)
        for label in (
            PhiLabel.MRN,
            PhiLabel.ACCESSION,
            PhiLabel.ID,
            PhiLabel.ACCOUNT,
            PhiLabel.HEALTH_PLAN,
            PhiLabel.LICENSE,
            PhiLabel.DEVICE_ID,
            PhiLabel.VEHICLE_ID,
        )
    },
}
"""Labels with a surrogate. DATE (shift), AGE (generalize) and TIME have none."""


# --------------------------------------------------------------------- name parsing


def parse_name(text: str) -> list[_Part]:
    """Split a name into parts with roles; titles, credentials and lower-case particles ``keep``.

    ``LAST, FIRST MIDDLE`` when a comma separates name groups; otherwise ``FIRST MIDDLE LAST``; a
    lone word is a last name unless it is only known as a first name (Faker's lists).
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    dotted = [m.span() for m in _DOTTED_CREDENTIAL.finditer(text)]
    roles: list[str | None] = [None] * len(tokens)
    all_lower = all(word.islower() for _s, _e, word in tokens)  # then "de" is no particle
    seen_word = False
    for i, (start, end, word) in enumerate(tokens):
        key = word.lower().replace("'", "").replace("’", "")
        in_dotted = any(a <= start and end <= b for a, b in dotted)
        title = not seen_word and key in TITLES
        credential = seen_word and (key in CREDENTIALS or in_dotted)
        particle = i < len(tokens) - 1 and key in PARTICLES and word.islower() and not all_lower
        possessive = word in ("s", "S") and text[start - 1 : start] in ("'", "’")
        if title or credential or particle or possessive:
            roles[i] = "keep"
        else:
            seen_word = True
    groups: list[list[int]] = [[]]
    for i, (start, _end, _word) in enumerate(tokens):
        if i and "," in text[tokens[i - 1][1] : start]:
            groups.append([])
        if roles[i] is None:
            groups[-1].append(i)
    groups = [g for g in groups if g]
    if len(groups) >= 2:
        _assign(roles, tokens, groups[0], "last")
        for group in groups[1:]:
            _assign(roles, tokens, group, "first")
    elif groups:
        _assign_natural(roles, tokens, groups[0], text)
    return [
        _Part(start, end, role or "keep")
        for (start, end, _word), role in zip(tokens, roles, strict=True)
    ]


def _assign(
    roles: list[str | None], tokens: list[tuple[int, int, str]], group: list[int], kind: str
) -> None:
    for i in group:
        roles[i] = kind + "-initial" if _is_initial(tokens[i][2]) else kind


def _assign_natural(
    roles: list[str | None], tokens: list[tuple[int, int, str]], group: list[int], text: str
) -> None:
    """``FIRST [MIDDLE...] LAST`` order; a lone word is decided by the lexicons."""
    titled = any(role == "keep" for role in roles[: group[0]])
    if len(group) == 1:
        (i,) = group
        word = tokens[i][2]
        if _is_initial(word):
            roles[i] = "first-initial"
        elif not titled and _only_first(word):
            roles[i] = "first"
        else:
            roles[i] = "last"
        return
    first, last = tokens[group[0]], tokens[group[-1]]
    if len(group) == 2 and _is_initial(last[2]) and text[last[1] : last[1] + 1] != ".":
        # "Smith J": surname then a bare initial, unless the first word is only a first name
        if _only_first(first[2]):
            roles[group[0]], roles[group[1]] = "first", "last-initial"
        else:
            roles[group[0]], roles[group[1]] = "last", "first-initial"
        return
    if _only_last(first[2]) and _only_first(last[2]):  # "SMITH JOHN": surname first, no comma
        _assign(roles, tokens, group[:1], "last")
        _assign(roles, tokens, group[1:], "first")
        return
    roles[group[-1]] = "last-initial" if _is_initial(last[2]) else "last"
    for i in group[:-1]:
        roles[i] = "first-initial" if _is_initial(tokens[i][2]) else "first"


def _only_first(word: str) -> bool:
    norm = normalise_name(word)
    return norm in _first_names() and norm not in _last_names()


def _only_last(word: str) -> bool:
    norm = normalise_name(word)
    return norm in _last_names() and norm not in _first_names()


def _is_initial(word: str) -> bool:
    return len(word) == 1


# --------------------------------------------------------------------- lexicons (Faker's lists)


@functools.lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(n.upper() for n in _PersonProvider.first_names)


@functools.lru_cache(maxsize=1)
def _last_names() -> frozenset[str]:
    return frozenset(n.upper() for n in _PersonProvider.last_names)


def _gender(norm: str) -> str:
    male = norm in _male_names()
    female = norm in _female_names()
    if male and not female:
        return "male"
    if female and not male:
        return "female"
    return ""


@functools.lru_cache(maxsize=1)
def _male_names() -> frozenset[str]:
    return frozenset(n.upper() for n in _PersonProvider.first_names_male)


@functools.lru_cache(maxsize=1)
def _female_names() -> frozenset[str]:
    return frozenset(n.upper() for n in _PersonProvider.first_names_female)


@functools.lru_cache(maxsize=8)
def _initials(kind: str) -> tuple[str, ...]:
    names = _PersonProvider.first_names if kind == "first" else _PersonProvider.last_names
    return tuple(sorted({n[0].upper() for n in names}))


@functools.lru_cache(maxsize=256)
def _name_pool(kind: str, initial: str, gender: str) -> OrderedDict[str, float]:
    """Faker's weighted names of ``kind`` starting with ``initial`` (and of ``gender``)."""
    if kind == "last":
        source = _PersonProvider.last_names
    elif gender == "male":
        source = _PersonProvider.first_names_male
    elif gender == "female":
        source = _PersonProvider.first_names_female
    else:
        source = _PersonProvider.first_names
    pool = OrderedDict((n, float(w)) for n, w in source.items() if n[0].upper() == initial)
    if not pool and kind == "first" and gender:
        return _name_pool(kind, initial, "")
    return pool or OrderedDict((n, float(w)) for n, w in source.items())


# --------------------------------------------------------------------- shape-keeping pseudonyms


def shape_permute(key: SecretKey, domain: str, value: str) -> str | None:
    """Keyed pseudonym of ``value`` with its shape: digits stay digits, letters letters (and case).

    A keyed permutation without fixed points over all values of that shape, so distinct inputs
    never collide and no input maps to itself. Separators are kept. None if nothing alphanumeric.
    """
    radices: list[int] = []
    digits: list[int] = []
    for ch in value:
        if ch.isdigit() and ch.isascii():
            radices.append(10)
            digits.append(int(ch))
        elif ch.isalnum():
            radices.append(26)
            upper = ch.upper()
            digits.append(ord(upper) - 65 if "A" <= upper <= "Z" else 0)
    if not radices:
        return None
    size = 1
    number = 0
    for radix, digit in zip(radices, digits, strict=True):
        size *= radix
        number = number * radix + digit
    tweak = domain + ":" + "".join("d" if r == 10 else "a" for r in radices)
    permutation = _KeyedPermutation(key, tweak, size)
    # conjugating "+1 mod size" by a keyed permutation gives one size-cycle: no fixed points
    mapped = permutation.decrypt((permutation.encrypt(number) + 1) % size)
    out_digits: list[int] = []
    for radix in reversed(radices):
        mapped, digit = divmod(mapped, radix)
        out_digits.append(digit)
    out_digits.reverse()
    chars = list(value)
    it = iter(out_digits)
    for i, ch in enumerate(value):
        if ch.isdigit() and ch.isascii():
            chars[i] = str(next(it))
        elif ch.isalnum():
            letter = chr(65 + next(it))
            chars[i] = letter.lower() if ch.islower() else letter
    return "".join(chars)


class _KeyedPermutation:
    """A keyed permutation of ``range(size)``: a 10-round Feistel network with cycle walking."""

    ROUNDS = 10

    def __init__(self, key: SecretKey, tweak: str, size: int) -> None:
        self._round_key = key.deriver("fpe", tweak)
        self._size = size
        self._a = max(2, _isqrt_ceil(size))
        self._b = max(2, -(-size // self._a))

    def _f(self, round_: int, half: int, modulus: int) -> int:
        # = key.derive_int("fpe", tweak, str(round_), str(half)) % modulus
        return self._round_key.derive_int(str(round_), str(half)) % modulus

    def _forward(self, x: int) -> int:
        a, b = self._a, self._b
        left, right = divmod(x, b)  # left < a, right < b
        for r in range(self.ROUNDS):
            left, right = right, (left + self._f(r, right, a)) % a
            a, b = b, a
        return left * b + right

    def _backward(self, y: int) -> int:
        a, b = self._a, self._b
        if self.ROUNDS % 2:  # pragma: no cover - ROUNDS is even
            a, b = b, a
        left, right = divmod(y, b)
        for r in reversed(range(self.ROUNDS)):
            a, b = b, a
            left, right = (right - self._f(r, left, a)) % a, left
        return left * b + right

    def encrypt(self, x: int) -> int:
        y = self._forward(x)
        while y >= self._size:
            y = self._forward(y)
        return y

    def decrypt(self, y: int) -> int:
        x = self._backward(y)
        while x >= self._size:
            x = self._backward(x)
        return x


def _isqrt_ceil(n: int) -> int:
    import math

    root = math.isqrt(n)
    return root if root * root == n else root + 1


# --------------------------------------------------------------------- small text helpers


def normalise_name(text: str) -> str:
    """The key a name part is surrogated by: ASCII letters only, upper case (accents dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalpha() and ch.isascii()).upper()


def _normalise_text(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.upper()).split())


def _same(new: str, old: str) -> bool:
    return _normalise_text(new) == _normalise_text(old) if old else False


def _case_like(original: str, new: str) -> str:
    """Render ``new`` in the case style of ``original``: ALL CAPS, all lower, or as drawn."""
    letters = [ch for ch in original if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) > 1:
        return new.upper()
    if letters and all(ch.islower() for ch in letters):
        return new.lower()
    if len(letters) == 1:
        return new.upper() if letters[0].isupper() else new.lower()
    return new


def _split_extension(text: str) -> tuple[str, str]:
    match = _EXTENSION.search(text)
    if match and any(ch.isdigit() for ch in text[: match.start()]):
        return text[: match.start()], text[match.start() :]
    return text, ""
