"""Identifiers for synthetic people: NHS numbers and unique pupil numbers (UPNs)."""

from disclose.records.importer.fields import nhs_check_digit

# Spread consecutive serials over the range without repeats: STRIDE is coprime to SPAN.
_NHS_BASE, _NHS_SPAN, _NHS_STRIDE = 400_000_000, 100_000_000, 7_368_787
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # DfE check letters: no I, O, S


class NhsNumbers:
    """Valid, unique NHS numbers: 9 digits and a modulus 11 check digit.

    Serials map one-to-one onto the 4xx xxx xxx range (the stride is coprime to
    its size); the one serial in eleven that has no valid check digit is skipped.
    """

    def __init__(self, offset: int = 0) -> None:
        self.serial = offset

    def next(self) -> str:
        while True:
            self.serial += 1
            first_nine = str(_NHS_BASE + (self.serial * _NHS_STRIDE) % _NHS_SPAN)
            check = nhs_check_digit(first_nine)
            if check is not None:
                return first_nine + str(check)


def upn(serial: int, year: int, la_code: str = "891") -> str:
    """A unique pupil number: check letter, LA code (891 = Nottinghamshire), school, year, serial."""
    body = f"{la_code}{2000 + serial % 7000:04d}{year % 100:02d}{serial % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23] + body
