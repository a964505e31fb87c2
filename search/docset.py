"""Facet values, years and sort orders of the indexed tools, as bitsets over document numbers: one
AND and a popcount per facet value, from `Facet.values_of`, so counts agree with `catalogue.facets`."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from catalogue.facets import FACET_BY_KEY, FACETS
from catalogue.model import Tool

Mask = int  # bit d set <=> document number d is in the set


def mask_of(docnums: Iterable[int], size: int) -> Mask:
    buffer = bytearray((size + 7) // 8)
    for docnum in docnums:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


class DocTable:
    """Per-document facts for a fixed list of tools, where list position = Whoosh document number."""

    def __init__(self, tools: Sequence[Tool]):
        self.tools = tuple(tools)
        self.size = size = len(self.tools)
        self.all: Mask = (1 << size) - 1
        self.value_masks: dict[str, dict[str, Mask]] = {}
        self.value_docs: dict[str, dict[str, list[int]]] = {}  # the same sets as sorted document lists
        for facet in FACETS:
            members: dict[str, list[int]] = {}
            for docnum, tool in enumerate(self.tools):
                for value in facet.values_of(tool):
                    members.setdefault(value, []).append(docnum)
            self.value_docs[facet.key] = members
            self.value_masks[facet.key] = {value: mask_of(docs, size) for value, docs in members.items()}
        years: dict[int, list[int]] = {}
        for docnum, tool in enumerate(self.tools):
            if isinstance(tool.launched, int):
                years.setdefault(tool.launched, []).append(docnum)
        self.year_masks = {year: mask_of(docs, size) for year, docs in years.items()}

        self.by_name = sorted(range(size), key=lambda d: (self.tools[d].name.casefold(), self.tools[d].slug))
        self.name_rank = [0] * size
        for rank, docnum in enumerate(self.by_name):
            self.name_rank[docnum] = rank
        # Newest first; unknown launch years last; ties by name.
        self.by_launched = sorted(self.by_name, key=lambda d: -(self.tools[d].launched or -10_000))
        # Newest sighting first ("2025-06" > "2025" > "2024-12-31" sorts right as text); undated last.
        self.by_last_seen_active = sorted(
            self.by_name, key=lambda d: self.tools[d].last_seen_active, reverse=True)
        self.by_last_verified = sorted(
            self.by_name, key=lambda d: -(self.tools[d].last_verified or dt.date.min).toordinal())

    def facet_masks(self, filters: dict[str, list[str]]) -> dict[str, Mask]:
        """One mask per active facet: the documents having any of the wanted values (OR within a facet)."""
        masks: dict[str, Mask] = {}
        for key, wanted in filters.items():
            if key in FACET_BY_KEY and wanted:
                masks[key] = 0
                for value in wanted:
                    masks[key] |= self.value_masks[key].get(value, 0)
        return masks

    def years_mask(self, years: tuple[int, int] | None) -> Mask:
        if years is None:
            return self.all
        mask = 0
        for year, docs in self.year_masks.items():
            if years[0] <= year <= years[1]:
                mask |= docs
        return mask

    def counts(self, matched: Mask, facet_masks: dict[str, Mask]) -> dict[str, dict[str, int]]:
        """Disjunctive facet counts: for each facet, counts under every filter except its own."""
        result: dict[str, dict[str, int]] = {}
        for facet in FACETS:
            base = matched
            for key, mask in facet_masks.items():
                if key != facet.key:
                    base &= mask
            counts = {value: (mask & base).bit_count() for value, mask in self.value_masks[facet.key].items()} \
                if base else {}
            result[facet.key] = {value: count for value, count in counts.items() if count}
        return result

    def members(self, mask: Mask, order: Sequence[int]) -> list[int]:
        """The documents of `mask`, in the given order."""
        bits = mask.to_bytes((self.size + 7) // 8 or 1, "little")
        return [d for d in order if bits[d >> 3] >> (d & 7) & 1]
