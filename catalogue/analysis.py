"""Counts and gap figures over a set of tools, as pandas DataFrames for the Landscape and Gaps pages.

Pure functions: a sequence of `Tool` in, tables out; no Streamlit. Every table is ready to show and to
download as CSV. Rules kept everywhere:

- A tool counts once per value it has (a tool with two purposes counts under both), so the counts of a
  multi-valued facet may add up to more than the number of tools.
- Tools deployed `global` (anywhere) are their own bucket, never spread over regions or countries.
- Need figures come from `need_indicators.csv` and `global_estimates.csv`; a figure missing there stays
  missing (NaN) with a note, never estimated.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, NamedTuple, Sequence

import pandas as pd

from catalogue.facets import FACET_BY_KEY
from catalogue.geography import GLOBAL, ILO_REGIONS, countries, regions_of
from catalogue.model import Tool
from catalogue.paths import GLOBAL_ESTIMATES_PATH, NEED_PATH
from catalogue.vocabulary import load_taxonomy

GLOBAL_LABEL = "Global (anywhere)"
#: A region × purpose cell with at least one tool but fewer than this many is "thin".
THIN_BELOW = 3
EMPTY, THIN, COVERED = "empty", "thin", "covered"
#: Text markers so the classification never rests on colour alone.
COVERAGE_MARKERS = {EMPTY: "✗ none", THIN: "△ thin", COVERED: ""}
REGION_LEVELS = ("ilo_region", "m49_region", "m49_sub_region")
# Facets whose every possible value is worth a row, even at zero: an empty bar is a finding.
_KEEP_ZERO_FACETS = {"ilo_region", "developed_ilo_region", "m49_region", "m49_sub_region",
                     "developed_m49_sub_region", "open_source"}
# Purposes that describe no need, so an empty cell there is not a gap.
_NOT_A_GAP = {"other"}
MISSING_PEOPLE_NOTE = ("The cited source gives no confirmed figure for people in modern slavery in this "
                       "region; it is left blank rather than estimated, and gaps use forced labour instead.")


# ---------------------------------------------------------------- helpers

def _region_order(level: str) -> list[str]:
    """Every region of a level in display order (ILO: the five published regions; M49: alphabetical)."""
    if level not in REGION_LEVELS:
        raise ValueError(f"unknown region level {level!r}; use one of {', '.join(REGION_LEVELS)}")
    if level == "ilo_region":
        return list(ILO_REGIONS)
    return sorted({getattr(country, level) for country in countries().values() if getattr(country, level)})


def _region_label(region: str) -> str:
    return GLOBAL_LABEL if region == GLOBAL else region


def count_global(tools: Iterable[Tool]) -> int:
    """How many tools are deployed `global` (anywhere), the bucket kept apart from regions."""
    return sum(1 for tool in tools if tool.is_global)


def _per_million(count: int, millions: float) -> float:
    if millions is None or pd.isna(millions) or millions <= 0:
        return math.nan
    return count / millions


# ---------------------------------------------------------------- landscape

def count_by(tools: Sequence[Tool], facet_key: str) -> pd.DataFrame:
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
    rows = [{"value": value, "label": facet.label_of(value), "tools": counts.get(value, 0),
             "percent": round(100 * counts.get(value, 0) / total, 1) if total else 0.0} for value in order]
    return pd.DataFrame(rows, columns=["value", "label", "tools", "percent"]).astype({"tools": "int64"})


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
    table = pd.DataFrame({"year": list(span), "tools": [years.get(year, 0) for year in span]})
    return YearCounts(table.astype("int64"), without)


def developed_vs_deployed(tools: Sequence[Tool], level: str = "ilo_region") -> pd.DataFrame:
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
    data = {"developed_in": [_region_label(region) for region in rows]}
    for used in columns:
        data[_region_label(used)] = [cells.get((made, used), 0) for made in rows]
    return pd.DataFrame(data)


def local_development(tools: Sequence[Tool], level: str = "ilo_region") -> pd.DataFrame:
    """Per deployment region: tools deployed there, how many were developed there, how many only elsewhere."""
    rows = []
    for region in _region_order(level):
        deployed = [tool for tool in tools if region in regions_of(tool.deployed_in, level)]
        local = sum(1 for tool in deployed if region in regions_of(tool.developed_in, level))
        rows.append({"region": region, "tools_deployed": len(deployed), "developed_there": local,
                     "developed_only_elsewhere": len(deployed) - local,
                     "percent_only_elsewhere": round(100 * (len(deployed) - local) / len(deployed), 1)
                     if deployed else math.nan})
    return pd.DataFrame(rows, columns=["region", "tools_deployed", "developed_there",
                                       "developed_only_elsewhere", "percent_only_elsewhere"])


def deployment_by_country(tools: Sequence[Tool]) -> pd.DataFrame:
    """Tools deployed per country: iso3, country, ilo_region, m49_sub_region, tools (most first).

    Global tools are not in this table (see `count_global`): they would otherwise paint every country.
    """
    counts = Counter(code for tool in tools if not tool.is_global for code in set(tool.deployed_in))
    table = countries()
    rows = []
    for code, count in counts.items():
        country = table.get(code)
        rows.append({"iso3": code, "country": country.name if country else code,
                     "ilo_region": country.ilo_region if country else "",
                     "m49_sub_region": country.m49_sub_region if country else "", "tools": count})
    rows.sort(key=lambda row: (-row["tools"], row["country"]))
    return pd.DataFrame(rows, columns=["iso3", "country", "ilo_region", "m49_sub_region", "tools"])


# ---------------------------------------------------------------- gaps

def classify_coverage(count: int, thin_below: int = THIN_BELOW) -> str:
    """"empty" (no tool), "thin" (fewer than `thin_below`) or "covered"."""
    if count <= 0:
        return EMPTY
    return THIN if count < thin_below else COVERED


def coverage_matrix(tools: Sequence[Tool], level: str = "ilo_region", thin_below: int = THIN_BELOW) -> pd.DataFrame:
    """Region × purpose in long form: region, purpose, purpose_label, tools, coverage.

    A tool counts under every purpose it lists and every region it is deployed in. Global tools are
    their own region row ("Global (anywhere)"), last.
    """
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
            rows.append({"region": _region_label(region), "purpose": purpose,
                         "purpose_label": taxonomy.label("purposes", purpose), "tools": count,
                         "coverage": classify_coverage(count, thin_below)})
    return pd.DataFrame(rows, columns=["region", "purpose", "purpose_label", "tools", "coverage"])


def _wide(matrix: pd.DataFrame, values: pd.Series) -> pd.DataFrame:
    # Purposes down, regions across, both in the long matrix's order.
    wide = matrix.assign(_value=values).pivot(index="purpose_label", columns="region", values="_value")
    wide = wide.reindex(index=list(dict.fromkeys(matrix["purpose_label"])), columns=list(dict.fromkeys(matrix["region"])))
    wide.columns.name = None
    wide.index.name = "purpose"
    return wide


def coverage_counts(matrix: pd.DataFrame) -> pd.DataFrame:
    """The long matrix as counts: index = purpose label, one integer column per region (for a heatmap)."""
    if matrix.empty:
        return pd.DataFrame(index=pd.Index([], name="purpose"))
    return _wide(matrix, matrix["tools"]).astype("int64")


def coverage_grid(matrix: pd.DataFrame) -> pd.DataFrame:
    """The long matrix as a table to read: a purpose column, then one text column per region.

    Each cell is the count followed by its marker ("0 ✗ none", "2 △ thin", "7"), so empty and thin
    cells are visible without colour.
    """
    if matrix.empty:
        return pd.DataFrame(columns=["purpose"])
    cells = [f"{count} {COVERAGE_MARKERS.get(coverage, '')}".strip()
             for count, coverage in zip(matrix["tools"], matrix["coverage"])]
    return _wide(matrix, pd.Series(cells, index=matrix.index)).reset_index()


def need_indicators(path=NEED_PATH) -> pd.DataFrame:
    """The need figures per ILO region, as published (missing figures stay NaN)."""
    frame = pd.read_csv(path, dtype={"ilo_region": "string", "source_title": "string", "source_url": "string"})
    order = {region: position for position, region in enumerate(ILO_REGIONS)}
    return frame.sort_values("ilo_region", key=lambda column: column.map(lambda r: order.get(r, len(order))),
                             kind="stable").reset_index(drop=True)


def estimate_years(path=NEED_PATH) -> list[int]:
    """The data years of the need figures (the 2022 Global Estimates describe 2021)."""
    frame = need_indicators(path)
    return sorted({int(year) for year in frame["estimate_year"].dropna()})


def need_coverage(tools: Sequence[Tool], path=NEED_PATH) -> pd.DataFrame:
    """Per ILO region: tools deployed there against people in modern slavery and in forced labour.

    Global tools are excluded (count them with `count_global`). Columns: ilo_region, tools,
    people_in_modern_slavery_millions, forced_labour_millions, prevalence_per_1000,
    tools_per_million_people, tools_per_million_forced_labour, estimate_year, note, source_title, source_url.
    """
    need = need_indicators(path)
    rows = []
    for record in need.to_dict("records"):
        region = record["ilo_region"]
        deployed = sum(1 for tool in tools if region in tool.deployed_ilo_regions)
        people = record.get("people_in_modern_slavery_millions", math.nan)
        forced = record.get("forced_labour_millions", math.nan)
        rows.append({
            "ilo_region": region, "tools": deployed,
            "people_in_modern_slavery_millions": people, "forced_labour_millions": forced,
            "prevalence_per_1000": record.get("prevalence_per_1000", math.nan),
            "tools_per_million_people": _per_million(deployed, people),
            "tools_per_million_forced_labour": _per_million(deployed, forced),
            "estimate_year": record.get("estimate_year"),
            "note": MISSING_PEOPLE_NOTE if pd.isna(people) else "",
            "source_title": record.get("source_title", ""), "source_url": record.get("source_url", ""),
        })
    columns = ["ilo_region", "tools", "people_in_modern_slavery_millions", "forced_labour_millions",
               "prevalence_per_1000", "tools_per_million_people", "tools_per_million_forced_labour",
               "estimate_year", "note", "source_title", "source_url"]
    return pd.DataFrame(rows, columns=columns)


def global_estimates(path=GLOBAL_ESTIMATES_PATH) -> pd.DataFrame:
    """The forms of modern slavery in the Global Estimates, with the vocabulary key(s) each maps to."""
    return pd.read_csv(path, dtype={"form": "string", "counted_as": "string", "source_url": "string"})


def _keys(counted_as) -> list[str]:
    # `counted_as` holds one exploitation-type key, or several separated by ";" for a form that
    # spans more than one vocabulary value.
    if counted_as is None or pd.isna(counted_as):
        return []
    return [key.strip() for key in str(counted_as).split(";") if key.strip()]


def exploitation_coverage(tools: Sequence[Tool], path=GLOBAL_ESTIMATES_PATH) -> pd.DataFrame:
    """Forms of modern slavery in the estimates against the tools covering each.

    `tools_specific` counts tools tagged with the form's own exploitation type(s); `tools_all_forms`
    counts, separately, tools tagged "all forms" (they apply to every row). Columns: form,
    people_millions, exploitation_types, tools_specific, tools_all_forms, tools_per_million, source_title,
    source_url.
    """
    taxonomy = load_taxonomy()
    estimates = global_estimates(path)
    all_forms = sum(1 for tool in tools if "all_forms" in tool.exploitation_types)
    rows = []
    for record in estimates.to_dict("records"):
        keys = _keys(record.get("counted_as"))
        specific = sum(1 for tool in tools if set(keys) & set(tool.exploitation_types))
        people = record.get("people_millions", math.nan)
        url = record.get("source_url", "")
        title = record.get("source_title", "")
        rows.append({
            "form": record["form"], "people_millions": people,
            "exploitation_types": ", ".join(taxonomy.label("exploitation_types", key) for key in keys),
            "tools_specific": specific, "tools_all_forms": all_forms,
            "tools_per_million": _per_million(specific, people),
            "source_title": title if isinstance(title, str) and title else url, "source_url": url,
        })
    columns = ["form", "people_millions", "exploitation_types", "tools_specific", "tools_all_forms",
               "tools_per_million", "source_title", "source_url"]
    return pd.DataFrame(rows, columns=columns)


def _tools(count: int) -> str:
    return f"{count} tool" if count == 1 else f"{count} tools"


def gap_table(tools: Sequence[Tool], need_path=NEED_PATH, estimates_path=GLOBAL_ESTIMATES_PATH,
              thin_below: int = THIN_BELOW) -> pd.DataFrame:
    """Every gap worth naming, ranked by need: the most people per tool first.

    Three kinds: each ILO region against its people in modern slavery (or in forced labour where the
    total is not published); each empty or thin region × purpose cell against its region's need; each
    form of exploitation in the Global Estimates against the tools tagged with it. The rank is
    `people_per_tool` = millions of people / (tools + 1): "+1" keeps empty cells finite and ranks them by
    how many people they leave without a tool. Columns: kind, subject, tools, global_tools,
    need_millions, need_measure, people_per_tool, sentence.
    """
    global_tools = count_global(tools)
    need = need_coverage(tools, need_path)
    rows = []
    region_need: dict[str, tuple[float, str]] = {}
    for record in need.to_dict("records"):
        people = record["people_in_modern_slavery_millions"]
        if pd.isna(people):
            millions, measure = record["forced_labour_millions"], "people in forced labour"
        else:
            millions, measure = people, "people in modern slavery"
        if pd.isna(millions):
            continue  # no figure at all: nothing to rank by
        region = record["ilo_region"]
        region_need[region] = (millions, measure)
        rows.append({"kind": "region", "subject": region, "tools": record["tools"], "global_tools": global_tools,
                     "need_millions": millions, "need_measure": measure,
                     "sentence": f"{region}: {_tools(record['tools'])} for {millions:.1f} million {measure} "
                                 f"({record['tools'] / millions:.2f} per million)."})
    matrix = coverage_matrix(tools, "ilo_region", thin_below)
    global_by_purpose = dict(zip(matrix.loc[matrix["region"] == GLOBAL_LABEL, "purpose"],
                                 matrix.loc[matrix["region"] == GLOBAL_LABEL, "tools"]))
    for record in matrix.to_dict("records"):
        region, purpose = record["region"], record["purpose"]
        if region not in region_need or purpose in _NOT_A_GAP or record["coverage"] == COVERED:
            continue
        millions, measure = region_need[region]
        label = record["purpose_label"].lower()
        worldwide = global_by_purpose.get(purpose, 0)
        also = f"; {_tools(worldwide)} deployed globally {'does' if worldwide == 1 else 'do'}" if worldwide else ""
        if record["coverage"] == EMPTY:
            sentence = (f"No tool deployed in {region} targets {label} "
                        f"({millions:.1f} million {measure} there{also}).")
        else:
            sentence = (f"Only {_tools(record['tools'])} deployed in {region} "
                        f"{'targets' if record['tools'] == 1 else 'target'} {label} "
                        f"({millions:.1f} million {measure} there{also}).")
        rows.append({"kind": "region_purpose", "subject": f"{region} × {record['purpose_label']}",
                     "tools": record["tools"], "global_tools": worldwide, "need_millions": millions,
                     "need_measure": measure, "sentence": sentence})
    for record in exploitation_coverage(tools, estimates_path).to_dict("records"):
        millions = record["people_millions"]
        if pd.isna(millions):
            continue
        extra = f" (plus {record['tools_all_forms']} tagged all forms)" if record["tools_all_forms"] else ""
        rows.append({"kind": "form", "subject": record["form"], "tools": record["tools_specific"],
                     "global_tools": math.nan, "need_millions": millions, "need_measure": "people",
                     "sentence": f"{record['form']}: {millions:.1f} million people, "
                                 f"{_tools(record['tools_specific'])}{extra}."})
    columns = ["kind", "subject", "tools", "global_tools", "need_millions", "need_measure", "people_per_tool",
               "sentence"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    frame["people_per_tool"] = frame["need_millions"] / (frame["tools"] + 1)
    kind_order = {"region_purpose": 0, "form": 1, "region": 2}
    frame = frame.assign(_kind=frame["kind"].map(kind_order)).sort_values(
        ["people_per_tool", "_kind", "subject"], ascending=[False, True, True], kind="stable")
    return frame[columns].reset_index(drop=True)


def largest_gaps(tools: Sequence[Tool], limit: int = 10, **paths) -> list[str]:
    """The `limit` largest gaps as plain-language sentences, most people per tool first."""
    return gap_table(tools, **paths)["sentence"].head(max(0, limit)).tolist()
