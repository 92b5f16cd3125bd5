# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which characters of the text a finder already read.

The finders run one after the other (e-mail addresses, links, reference
numbers, amounts with a currency, phone numbers, dates, budgets): a span
claimed by one is not read again by the next, so that the digits of a phone
number do not also become an amount or a date.

>>> claims = Claims("call 06 12 34 56 78")
>>> claims.take(5, 19)
True
>>> claims.free(0, 6), claims.free(0, 5)
(False, True)
"""


class Claims:
    __slots__ = ("_mask",)

    def __init__(self, text):
        self._mask = bytearray(len(text))

    def free(self, start, end):
        """True when no character of [start, end) is claimed."""
        return self._mask.find(1, start, end) < 0

    def take(self, start, end):
        """Claim [start, end) if it is free; True when it was."""
        if not self.free(start, end):
            return False
        self._mask[start:end] = b"\x01" * (end - start)
        return True

    def mark(self, start, end):
        """Claim [start, end) whatever overlaps it."""
        self._mask[start:end] = b"\x01" * (end - start)
