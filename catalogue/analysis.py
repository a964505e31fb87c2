"""Counts and gap figures over a set of tools, as pandas DataFrames for the Landscape and Gaps pages.

Pure functions: a sequence of `Tool` in, tables out; no Streamlit. Every table is ready to show and to
download as CSV. Rules kept everywhere:

- A tool counts once per value it has (a tool with two purposes counts under both), so the counts of a
  multi-valued facet may add up to more than the number of tools.
- Tools deployed `global` (anywhere) are their own bucket, never spread over regions or countries.
- Need figures come from `need_indicators.csv` and `global_estimates.csv`; a figure missing there stays
  missing (NaN) with a note, never estimated.
- Labels, places, notes and sentences are in the `language` asked for (English by default); values and
  keys (`value`, `purpose`, `kind`) never change with it.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import pandas as pd

from catalogue.facets import FACET_BY_KEY, GLOBAL_LABEL
from catalogue.geography import GLOBAL, ILO_REGIONS, countries, country_name, region_name, regions_of
from catalogue.i18n import DEFAULT, N_, gettext, locale, ngettext, number
from catalogue.model import Tool
from catalogue.paths import GLOBAL_ESTIMATES_PATH, NEED_PATH
from catalogue.tables import csv_rows
from catalogue.vocabulary import load_taxonomy

#: A region × purpose cell with at least one tool but fewer than this many is "thin".
THIN_BELOW = 3
EMPTY, THIN, COVERED = "empty", "thin", "covered"
#: Text markers so the classification never rests on colour alone.
COVERAGE_MARKERS = {EMPTY: N_("✗ none"), THIN: N_("△ thin"), COVERED: ""}
REGION_LEVELS = ("ilo_region", "m49_region", "m49_sub_region")
# Facets whose every possible value is worth a row, even at zero: an empty bar is a finding.
_KEEP_ZERO_FACETS = {"ilo_region", "developed_ilo_region", "m49_region", "m49_sub_region",
                     "developed_m49_sub_region", "open_source"}
# Purposes that describe no need, so an empty cell there is not a gap.
_NOT_A_GAP = {"other"}
MISSING_PEOPLE_NOTE = N_("The cited source gives no confirmed figure for people in modern slavery in this "
                         "region; it is left blank rather than estimated, and gaps use forced labour instead.")
#: The forms of modern slavery the Global Estimates publish (the `form` column of global_estimates.csv),
#: marked for translation; a form not listed here is shown as the CSV writes it.
ESTIMATE_FORMS = (N_("Forced labour in the private economy (excluding sexual exploitation)"),
                  N_("Forced commercial sexual exploitation"), N_("State-imposed forced labour"),
                  N_("Forced marriage"))
#: What a need figure counts, by the column it comes from.
NEED_MEASURES = {"people_in_modern_slavery_millions": N_("people in modern slavery"),
                 "forced_labour_millions": N_("people in forced labour"), "people_millions": N_("people")}


# ---------------------------------------------------------------- helpers

def _region_order(level: str) -> list[str]:
    """Every region of a level in display order (ILO: the five published regions; M49: alphabetical)."""
    if level not in REGION_LEVELS:
        raise ValueError(f"unknown region level {level!r}; use one of {', '.join(REGION_LEVELS)}")
    if level == "ilo_region":
        return list(ILO_REGIONS)
    return sorted({getattr(country, level) for country in countries().values() if getattr(country, level)})


def _region_label(region: str, language: str = DEFAULT) -> str:
    return gettext(GLOBAL_LABEL, language) if region == GLOBAL else region_name(region, language)


def count_global(tools: Iterable[Tool]) -> int:
    """How many tools are deployed `global` (anywhere), the bucket kept apart from regions."""
    return sum(1 for tool in tools if tool.is_global)


def _per_million(count: int, millions: float) -> float:
    if millions is None or pd.isna(millions) or millions <= 0:
        return math.nan
    return count / millions


# ---------------------------------------------------------------- landscape

def count_by(tools: Sequence[Tool], facet_key: str, language: str = DEFAULT) -> pd.DataFrame:
    """Tools per value of a facet: columns value, label, tools, percent (of the tools given).

    Vocabulary and region facets keep every value, zeros included, in vocabulary order; other facets
    (countries) list the values present, most tools first. `global` is its own row, last.
    """
    facet = FACET_BY_KEY[facet_key]
    counts: Counter = Counter()
    for tool in tools:
        counts.update(set(facet.values_of(tool)))
    if facet.vocabulary or facet_key in _KEEP_ZERO_FACETS:
        order = [value for value in facet.all_values() if value != GLOBAL]
        order += sorted(value for value in counts if value not in order and value != GLOBAL)
    else:
        order = sorted((value for value in counts if value != GLOBAL),
                       key=lambda value: (-counts[value], facet.label_of(value)))
    if GLOBAL in counts or (facet_key in _KEEP_ZERO_FACETS and GLOBAL in facet.all_values()):
        order.append(GLOBAL)
    total = len(tools)
    numbers = [counts.get(value, 0) for value in order]
    # Built column by column with explicit dtypes: astype() on a small frame costs more than the counting.
    return pd.DataFrame({
        "value": order, "label": [facet.label_of(value, language) for value in order],
        "tools": pd.Series(numbers, dtype="int64"),
        "percent": pd.Series([round(100 * n / total, 1) if total else 0.0 for n in numbers], dtype="float64"),
    })


class YearCounts(NamedTuple):
    table: pd.DataFrame  # year, tools: every year from the first launch to the last, zeros included
    without_year: int  # tools whose launch year is not known


def launches_per_year(tools: Sequence[Tool]) -> YearCounts:
    """Tools launched each year, on a continuous axis so that quiet years show as zeros."""
    years = Counter(tool.launched for tool in tools if tool.launched)
    without = sum(1 for tool in tools if not tool.launched)
    if not years:
        return YearCounts(pd.DataFrame({"year": pd.Series(dtype="int64"), "tools": pd.Series(dtype="int64")}),
                          without)
    span = range(min(years), max(years) + 1)
    table = pd.DataFrame({"year": pd.Series(span, dtype="int64"),
                          "tools": pd.Series([years.get(year, 0) for year in span], dtype="int64")})
    return YearCounts(table, without)


def developed_vs_deployed(tools: Sequence[Tool], level: str = "ilo_region", language: str = DEFAULT) -> pd.DataFrame:
    """Who builds for whom: one row per developer region, one column per deployment region.

    A cell counts the tools developed (at least partly) in the row's region and deployed (at least
    partly) in the column's region. Tools deployed anywhere are the last column, "Global (anywhere)".
    ILO regions are all kept; for finer levels only regions that occur are shown.
    """
    order = _region_order(level)
    cells: Counter = Counter()
    for tool in tools:
        for made in regions_of(tool.developed_in, level):
            for used in regions_of(tool.deployed_in, level):
                cells[(made, used)] += 1
    rows_used = {made for made, _ in cells}
    columns_used = {used for _, used in cells}
    keep_all = level == "ilo_region"
    rows = [region for region in order if keep_all or region in rows_used]
    rows += sorted(region for region in rows_used if region not in rows)  # e.g. an unexpected "global"
    columns = [region for region in order if keep_all or region in columns_used] + [GLOBAL]
    data: dict[str, list[Any]] = {"developed_in": [_region_label(region, language) for region in rows]}
    for used in columns:
        data[_region_label(used, language)] = [cells.get((made, used), 0) for made in rows]
    return pd.DataFrame(data)


def local_development(tools: Sequence[Tool], level: str = "ilo_region", language: str = DEFAULT) -> pd.DataFrame:
    """Per deployment region: tools deployed there, how many were developed there, how many only elsewhere."""
    deployed: Counter = Counter()
    local: Counter = Counter()
    for tool in tools:
        made = set(regions_of(tool.developed_in, level))
        for region in regions_of(tool.deployed_in, level):
            deployed[region] += 1
            local[region] += region in made
    rows = []
    for region in _region_order(level):
        count, there = deployed.get(region, 0), local.get(region, 0)
        rows.append({"region": region_name(region, language), "tools_deployed": count, "developed_there": there,
                     "developed_only_elsewhere": count - there,
                     "percent_only_elsewhere": round(100 * (count - there) / count, 1) if count else math.nan})
    return pd.DataFrame(rows, columns=["region", "tools_deployed", "developed_there",
                                       "developed_only_elsewhere", "percent_only_elsewhere"])


def deployment_by_country(tools: Sequence[Tool], language: str = DEFAULT) -> pd.DataFrame:
    """Tools deployed per country: iso3, country, ilo_region, m49_sub_region, tools (most first).

    Global tools are not in this table (see `count_global`): they would otherwise paint every country.
    """
    counts = Counter(code for tool in tools if not tool.is_global for code in set(tool.deployed_in))
    table = countries()
    rows: list[dict[str, Any]] = []
    for code, count in counts.items():
        country = table.get(code)
        rows.append({"iso3": code, "country": country_name(code, language),
                     "ilo_region": region_name(country.ilo_region, language) if country else "",
                     "m49_sub_region": region_name(country.m49_sub_region, language) if country else "",
                     "tools": count})
    rows.sort(key=lambda row: (-row["tools"], row["country"]))
    return pd.DataFrame(rows, columns=["iso3", "country", "ilo_region", "m49_sub_region", "tools"])


# ---------------------------------------------------------------- gaps

def classify_coverage(count: int, thin_below: int = THIN_BELOW) -> str:
    """"empty" (no tool), "thin" (fewer than `thin_below`) or "covered"."""
    if count <= 0:
        return EMPTY
    return THIN if count < thin_below else COVERED


MATRIX_COLUMNS = ["region", "purpose", "purpose_label", "tools", "coverage"]


def _matrix_rows(tools: Sequence[Tool], level: str, thin_below: int, language: str = DEFAULT) -> list[dict]:
    taxonomy = load_taxonomy()
    cells: Counter = Counter()
    for tool in tools:
        for region in regions_of(tool.deployed_in, level):
            for purpose in set(tool.purposes):
                cells[(region, purpose)] += 1
    rows = []
    for region in _region_order(level) + [GLOBAL]:
        for purpose in taxonomy.keys("purposes"):
            count = cells.get((region, purpose), 0)
            rows.append({"region": _region_label(region, language), "purpose": purpose,
                         "purpose_label": taxonomy.label("purposes", purpose, language), "tools": count,
                         "coverage": classify_coverage(count, thin_below)})
    return rows


def coverage_matrix(tools: Sequence[Tool], level: str = "ilo_region", thin_below: int = THIN_BELOW,
                    language: str = DEFAULT) -> pd.DataFrame:
    """Region × purpose in long form: region, purpose, purpose_label, tools, coverage.

    A tool counts under every purpose it lists and every region it is deployed in. Global tools are
    their own region row ("Global (anywhere)"), last.
    """
    return pd.DataFrame(_matrix_rows(tools, level, thin_below, language), columns=MATRIX_COLUMNS)


def _wide(matrix: pd.DataFrame, values: pd.Series) -> pd.DataFrame:
    # Purposes down, regions across, both in the long matrix's order.
    wide = matrix.assign(_value=values).pivot(index="purpose_label", columns="region", values="_value")
    wide = wide.reindex(index=list(dict.fromkeys(matrix["purpose_label"])),
                        columns=list(dict.fromkeys(matrix["region"])))
    wide.columns.name = None
    wide.index.name = "purpose"
    return wide


def coverage_counts(matrix: pd.DataFrame) -> pd.DataFrame:
    """The long matrix as counts: index = purpose label, one integer column per region (for a heatmap)."""
    if matrix.empty:
        return pd.DataFrame(index=pd.Index([], name="purpose"))
    return _wide(matrix, matrix["tools"]).astype("int64")


def coverage_grid(matrix: pd.DataFrame, language: str = DEFAULT) -> pd.DataFrame:
    """The long matrix as a table to read: a purpose column, then one text column per region.

    Each cell is the count followed by its marker ("0 ✗ none", "2 △ thin", "7"), so empty and thin
    cells are visible without colour.
    """
    if matrix.empty:
        return pd.DataFrame(columns=["purpose"])
    cells = [f"{count} {gettext(COVERAGE_MARKERS.get(coverage, ''), language)}".strip()
             for count, coverage in zip(matrix["tools"], matrix["coverage"], strict=True)]
    return _wide(matrix, pd.Series(cells, index=matrix.index)).reset_index()


def _number(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan  # blank in the data: missing, never zero


def _need_records(path) -> list[dict]:
    order = {region: position for position, region in enumerate(ILO_REGIONS)}
    records = []
    for row in csv_rows(path):
        year = _number(row.get("estimate_year", ""))
        records.append({
            "ilo_region": row.get("ilo_region", ""),
            "people_in_modern_slavery_millions": _number(row.get("people_in_modern_slavery_millions", "")),
            "prevalence_per_1000": _number(row.get("prevalence_per_1000", "")),
            "forced_labour_millions": _number(row.get("forced_labour_millions", "")),
            "estimate_year": None if math.isnan(year) else int(year),
            "source_title": row.get("source_title") or "", "source_url": row.get("source_url") or "",
        })
    return sorted(records, key=lambda record: order.get(record["ilo_region"], len(order)))


def estimate_years(path=NEED_PATH) -> list[int]:
    """The data years of the need figures (the 2022 Global Estimates describe 2021)."""
    return sorted({record["estimate_year"] for record in _need_records(path) if record["estimate_year"] is not None})


NEED_COLUMNS = ["ilo_region", "tools", "people_in_modern_slavery_millions", "forced_labour_millions",
                "prevalence_per_1000", "tools_per_million_people", "tools_per_million_forced_labour",
                "estimate_year", "note", "source_title", "source_url"]


def _need_rows(tools: Sequence[Tool], path) -> list[dict]:
    deployed = Counter(region for tool in tools for region in tool.deployed_ilo_regions)
    rows = []
    for record in _need_records(path):
        count = deployed.get(record["ilo_region"], 0)
        people, forced = record["people_in_modern_slavery_millions"], record["forced_labour_millions"]
        rows.append({
            "ilo_region": record["ilo_region"], "tools": count,
            "people_in_modern_slavery_millions": people, "forced_labour_millions": forced,
            "prevalence_per_1000": record["prevalence_per_1000"],
            "tools_per_million_people": _per_million(count, people),
            "tools_per_million_forced_labour": _per_million(count, forced),
            "estimate_year": record["estimate_year"], "note": MISSING_PEOPLE_NOTE if math.isnan(people) else "",
            "source_title": record["source_title"], "source_url": record["source_url"],
        })
    return rows


def need_coverage(tools: Sequence[Tool], path=NEED_PATH, language: str = DEFAULT) -> pd.DataFrame:
    """Per ILO region: tools deployed there against people in modern slavery and in forced labour.

    Global tools are excluded (count them with `count_global`). Columns: ilo_region, tools,
    people_in_modern_slavery_millions, forced_labour_millions, prevalence_per_1000,
    tools_per_million_people, tools_per_million_forced_labour, estimate_year, note, source_title, source_url.
    """
    rows = _need_rows(tools, path)
    for row in rows:
        row["ilo_region"] = region_name(row["ilo_region"], language)
        row["note"] = gettext(row["note"], language)
    return pd.DataFrame(rows, columns=NEED_COLUMNS)


def _keys(counted_as: str) -> list[str]:
    # `counted_as` holds one exploitation-type key, or several separated by ";" for a form that
    # spans more than one vocabulary value.
    return [key.strip() for key in (counted_as or "").split(";") if key.strip()]


FORM_COLUMNS = ["form", "people_millions", "exploitation_types", "tools_specific", "tools_all_forms",
                "tools_per_million", "source_title", "source_url"]


def _form_rows(tools: Sequence[Tool], path, language: str = DEFAULT) -> list[dict]:
    taxonomy = load_taxonomy()
    tagged = [set(tool.exploitation_types) for tool in tools]
    all_forms = sum(1 for types in tagged if "all_forms" in types)
    rows = []
    for row in csv_rows(path):
        keys = set(_keys(row.get("counted_as", "")))
        specific = sum(1 for types in tagged if keys & types)
        people = _number(row.get("people_millions", ""))
        url = row.get("source_url") or ""
        rows.append({
            "form": gettext(row.get("form", ""), language), "people_millions": people,
            "exploitation_types": ", ".join(taxonomy.label("exploitation_types", key, language)
                                            for key in _keys(row.get("counted_as", ""))),
            "tools_specific": specific, "tools_all_forms": all_forms,
            "tools_per_million": _per_million(specific, people),
            "source_title": row.get("source_title") or url, "source_url": url,
        })
    return rows


def exploitation_coverage(tools: Sequence[Tool], path=GLOBAL_ESTIMATES_PATH, language: str = DEFAULT) -> pd.DataFrame:
    """Forms of modern slavery in the estimates against the tools covering each.

    `tools_specific` counts tools tagged with the form's own exploitation type(s); `tools_all_forms`
    counts, separately, tools tagged "all forms" (they apply to every row). Columns: form,
    people_millions, exploitation_types, tools_specific, tools_all_forms, tools_per_million, source_title,
    source_url.
    """
    return pd.DataFrame(_form_rows(tools, path, language), columns=FORM_COLUMNS)


def _tools(count: int, language: str = DEFAULT) -> str:
    return ngettext("{count} tool", "{count} tools", count, language).format(count=number(count, language))


def _need(millions: float, column: str, language: str = DEFAULT) -> str:
    """"2.0 million people in forced labour", with the grammatical number the language gives 2.0 or 0.9."""
    shown = number(millions, language, 1)
    # CLDR's rules read decimals (French: 0,9 and 1,5 million; Spanish: 1,5 millones); gettext's only
    # integers: 1 picks the singular form, 2 the plural, in every language offered.
    one = locale(language).plural_form(Decimal(f"{millions:.1f}")) == "one"
    measure = {
        "people_in_modern_slavery_millions": ngettext("{millions} million people in modern slavery",
                                                      "{millions} million people in modern slavery", 1 if one else 2,
                                                      language),
        "forced_labour_millions": ngettext("{millions} million people in forced labour",
                                           "{millions} million people in forced labour", 1 if one else 2, language),
        "people_millions": ngettext("{millions} million people", "{millions} million people", 1 if one else 2,
                                    language),
    }[column]
    return measure.format(millions=shown)


GAP_COLUMNS = ["kind", "subject", "tools", "global_tools", "need_millions", "need_measure", "people_per_tool",
               "sentence"]
_KIND_ORDER = {"region_purpose": 0, "form": 1, "region": 2}


def gap_table(tools: Sequence[Tool], need_path=NEED_PATH, estimates_path=GLOBAL_ESTIMATES_PATH,
              thin_below: int = THIN_BELOW, language: str = DEFAULT) -> pd.DataFrame:
    """Every gap worth naming, ranked by need: the most people per tool first.

    Three kinds: each ILO region against its people in modern slavery (or in forced labour where the
    total is not published); each empty or thin region × purpose cell against its region's need; each
    form of exploitation in the Global Estimates against the tools tagged with it. The rank is
    `people_per_tool` = millions of people / (tools + 1): "+1" keeps empty cells finite and ranks them by
    how many people they leave without a tool. Columns: kind, subject, tools, global_tools,
    need_millions, need_measure, people_per_tool, sentence (subject, measure and sentence in `language`).
    """
    global_tools = count_global(tools)
    rows = []
    region_need: dict[str, tuple[float, str]] = {}
    for record in _need_rows(tools, need_path):
        people = record["people_in_modern_slavery_millions"]
        if math.isnan(people):
            millions, column = record["forced_labour_millions"], "forced_labour_millions"
        else:
            millions, column = people, "people_in_modern_slavery_millions"
        if math.isnan(millions):
            continue  # no figure at all: nothing to rank by
        region, count = record["ilo_region"], record["tools"]
        region_need[region] = (millions, column)
        sentence = gettext("{region}: {tools} for {need} ({rate} per million).", language).format(
            region=region_name(region, language), tools=_tools(count, language),
            need=_need(millions, column, language), rate=number(count / millions, language, 2))
        rows.append({"kind": "region", "subject": region_name(region, language), "tools": count,
                     "global_tools": global_tools, "need_millions": millions,
                     "need_measure": gettext(NEED_MEASURES[column], language), "sentence": sentence})
    matrix = _matrix_rows(tools, "ilo_region", thin_below)
    global_by_purpose = {cell["purpose"]: cell["tools"] for cell in matrix if cell["region"] == GLOBAL_LABEL}
    taxonomy = load_taxonomy()
    for cell in matrix:
        region, purpose, count = cell["region"], cell["purpose"], cell["tools"]
        if region not in region_need or purpose in _NOT_A_GAP or cell["coverage"] == COVERED:
            continue
        millions, column = region_need[region]
        purpose_label = taxonomy.label("purposes", purpose, language)
        worldwide = global_by_purpose.get(purpose, 0)
        also = ngettext("; {count} tool deployed globally does", "; {count} tools deployed globally do", worldwide,
                        language).format(count=number(worldwide, language)) if worldwide else ""
        values = {"count": number(count, language), "region": region_name(region, language),
                  "purpose": purpose_label.lower(), "need": _need(millions, column, language), "also": also}
        if cell["coverage"] == EMPTY:
            sentence = gettext("No tool deployed in {region} targets {purpose} ({need} there{also}).", language)
        else:
            sentence = ngettext("Only {count} tool deployed in {region} targets {purpose} ({need} there{also}).",
                                "Only {count} tools deployed in {region} target {purpose} ({need} there{also}).",
                                count, language)
        rows.append({"kind": "region_purpose", "subject": f"{region_name(region, language)} × {purpose_label}",
                     "tools": count, "global_tools": worldwide, "need_millions": millions,
                     "need_measure": gettext(NEED_MEASURES[column], language), "sentence": sentence.format(**values)})
    for form in _form_rows(tools, estimates_path, language):
        millions = form["people_millions"]
        if math.isnan(millions):
            continue
        extra = ngettext(" (plus {count} tagged all forms)", " (plus {count} tagged all forms)",
                         form["tools_all_forms"], language).format(count=number(form["tools_all_forms"], language)) \
            if form["tools_all_forms"] else ""
        sentence = gettext("{form}: {need}, {tools}{extra}.", language).format(
            form=form["form"], need=_need(millions, "people_millions", language),
            tools=_tools(form["tools_specific"], language), extra=extra)
        rows.append({"kind": "form", "subject": form["form"], "tools": form["tools_specific"],
                     "global_tools": math.nan, "need_millions": millions,
                     "need_measure": gettext(NEED_MEASURES["people_millions"], language), "sentence": sentence})
    for row in rows:
        row["people_per_tool"] = row["need_millions"] / (row["tools"] + 1)
    rows.sort(key=lambda row: (-row["people_per_tool"], _KIND_ORDER[row["kind"]], row["subject"]))
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def largest_gaps(tools: Sequence[Tool], limit: int = 10, language: str = DEFAULT, **paths) -> list[str]:
    """The `limit` largest gaps as plain-language sentences, most people per tool first."""
    return gap_table(tools, language=language, **paths)["sentence"].head(max(0, limit)).tolist()
