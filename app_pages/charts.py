"""Plotly figures for the Landscape and Gaps pages, and the one way a chart is shown with its data.

Figures use accessible colours only: the Okabe–Ito palette for categories and Cividis/Viridis for
amounts; counts are printed on the marks, so nothing rests on colour alone. Every label drawn here is
trusted project data (vocabulary labels, region and country names), never entry text. Maps take their
outline from static/ (see static/README.md), so no figure fetches anything.
"""
from __future__ import annotations

import datetime as dt
import json
import textwrap
from functools import lru_cache

import pandas as pd
import streamlit as st

from catalogue.about import TITLE
from catalogue.facets import GLOBAL_LABEL
from catalogue.geography import GLOBAL
from catalogue.i18n import DEFAULT, N_, gettext, locale
from catalogue.paths import REPO_DIR

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}
SEQUENTIAL = "Cividis"
MAP_SCALE = "Viridis"
STATIC_URL = "/app/static/"
#: Passed to every st.plotly_chart: the map outline comes from our own server, never the Plotly CDN.
PLOTLY_CONFIG = {"topojsonURL": STATIC_URL, "displaylogo": False}
WORLD_TOPOJSON = REPO_DIR / "static" / "world_110m.json"


@lru_cache(maxsize=1)
def mapped_countries() -> frozenset[str]:
    """ISO alpha-3 codes the bundled 110m world outline can draw (small islands and city states cannot)."""
    try:
        topology = json.loads(WORLD_TOPOJSON.read_text(encoding="utf-8"))
        geometries = topology["objects"]["countries"]["geometries"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(str(item["id"]) for item in geometries if isinstance(item, dict) and item.get("id"))


# Figures are plain Plotly dicts ({"data": [...], "layout": {...}}): st.plotly_chart validates a dict once
# when it draws it, whereas a go.Figure built here would be validated twice (and building one up with
# update_* calls is ten times slower still), which matters on a page of ten charts redrawn on every filter.
Figure = dict


def _count_colorbar(values, language: str = DEFAULT) -> dict:
    """A colour bar for counts: whole-number ticks only (no "2.5 tools")."""
    highest = max([int(v) for v in values if v == v] or [0])
    return {"title": {"text": gettext(N_("Tools"), language)}, "tickformat": "d", "dtick": max(1, -(-highest // 6))}


def _separators(language: str) -> str:
    """Plotly's decimal and thousands separators for the language ("., " in English, ", " in French)."""
    symbols = locale(language).number_symbols.get("latn", locale(language).number_symbols)
    return symbols.get("decimal", ".") + symbols.get("group", ",")


def _figure(traces: list[dict], height: int, language: str = DEFAULT, **layout) -> Figure:
    base = {"height": height, "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "showlegend": False,
            "separators": _separators(language)}
    return {"data": traces, "layout": {**base, **layout}}


def bar_chart(frame: pd.DataFrame, label: str = "label", value: str = "tools", axis_title: str | None = None,
              language: str = DEFAULT) -> Figure:
    """Horizontal bars in the table's order, counts printed; the global bucket in its own colour."""
    labels, values = frame[label].tolist(), frame[value].tolist()
    keys = frame["value"].tolist() if "value" in frame else labels
    colours = [OKABE_ITO["orange"] if key in (GLOBAL, GLOBAL_LABEL) else OKABE_ITO["blue"] for key in keys]
    axis_title = axis_title if axis_title is not None else gettext(N_("Tools"), language)
    trace = {"type": "bar", "x": values, "y": labels, "orientation": "h", "marker": {"color": colours},
             "text": values, "textposition": "outside", "cliponaxis": False,
             "hovertemplate": "%{y}: %{x}<extra></extra>"}
    # Room on the right for the count printed past the longest bar (it was cut off on phones).
    return _figure([trace], height=max(180, 28 * len(frame) + 60), language=language,
                   margin={"l": 10, "r": 40, "t": 30, "b": 10},
                   yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels},
                   xaxis={"title": {"text": axis_title}, "rangemode": "tozero"})


def year_chart(table: pd.DataFrame, language: str = DEFAULT) -> Figure:
    """Tools launched per year, every year on the axis."""
    hover = gettext(N_("{year}: {count} tools"), language).format(year="%{x}", count="%{y}")
    trace = {"type": "bar", "x": table["year"].tolist(), "y": table["tools"].tolist(),
             "marker": {"color": OKABE_ITO["blue"]}, "hovertemplate": hover + "<extra></extra>"}
    return _figure([trace], height=320, language=language,
                   xaxis={"title": {"text": gettext(N_("Launch year"), language)}, "dtick": 2 if len(table) > 15 else 1,
                          "separatethousands": False, "tickformat": "d"},
                   yaxis={"title": {"text": gettext(N_("Tools launched"), language)}, "rangemode": "tozero"})


def heatmap(matrix: pd.DataFrame, row_title: str, column_title: str, text: pd.DataFrame | None = None,
            language: str = DEFAULT) -> Figure:
    """A count matrix (index = rows) with every count written in its cell."""
    labels = (text if text is not None else matrix.astype(str)).to_numpy().tolist()
    trace = {"type": "heatmap", "z": matrix.to_numpy().tolist(), "x": [str(c) for c in matrix.columns],
             "y": [str(i) for i in matrix.index], "text": labels, "texttemplate": "%{text}",
             "colorscale": SEQUENTIAL, "xgap": 2, "ygap": 2,
             "colorbar": _count_colorbar(matrix.to_numpy().ravel().tolist(), language),
             "hovertemplate": f"{row_title}: %{{y}}<br>{column_title}: %{{x}}<br>%{{text}}<extra></extra>"}
    return _figure([trace], height=max(260, 34 * len(matrix) + 140), language=language,
                   yaxis={"title": {"text": row_title}, "autorange": "reversed"},
                   xaxis={"title": {"text": column_title}, "side": "top"})


def world_map(countries: pd.DataFrame, language: str = DEFAULT) -> Figure:
    """Choropleth of tools per deployment country (ISO alpha-3); the outline is served from static/."""
    trace = {"type": "choropleth", "locations": countries["iso3"].tolist(), "z": countries["tools"].tolist(),
             "locationmode": "ISO-3", "text": countries["country"].tolist(), "colorscale": MAP_SCALE,
             "marker": {"line": {"color": "white", "width": 0.5}},
             "colorbar": _count_colorbar(countries["tools"], language),
             "hovertemplate": gettext(N_("{country}: {count} tools"), language).format(country="%{text}", count="%{z}")
             + "<extra></extra>"}
    # Centred on Greenwich explicitly: left to itself Plotly 4 centres the world on the data.
    geo = {"scope": "world", "resolution": 110, "projection": {"type": "natural earth", "rotation": {"lon": 0}},
           "center": {"lon": 0, "lat": 0}, "lonaxis": {"range": [-180, 180]}, "lataxis": {"range": [-58, 85]},
           "fitbounds": False, "showframe": False, "showcountries": True, "countrycolor": "#bbbbbb",
           "showcoastlines": False, "showland": True, "landcolor": "#eeeeee"}
    return _figure([trace], height=460, language=language, geo=geo)


def grouped_bars(frame: pd.DataFrame, category: str, series: dict[str, str], axis_title: str,
                 language: str = DEFAULT) -> Figure:
    """Several measures per category as grouped horizontal bars, one Okabe–Ito colour per measure, with a legend."""
    colours = [OKABE_ITO[name] for name in ("blue", "orange", "green", "vermillion")]
    categories = frame[category].tolist()
    traces = []
    for (column, name), colour in zip(series.items(), colours, strict=False):
        values = frame[column].round(2).tolist()
        # A missing figure draws as an empty bar labelled "no figure", so it is not mistaken for zero.
        traces.append({"type": "bar", "y": categories, "x": [0 if pd.isna(v) else v for v in values], "name": name,
                       "orientation": "h", "marker": {"color": colour},
                       "text": [gettext(N_("no figure"), language) if pd.isna(v) else v for v in values],
                       "textposition": "outside",
                       "cliponaxis": False, "hovertemplate": f"%{{y}}<br>{name}: %{{x}}<extra></extra>"})
    return _figure(traces, height=max(220, 34 * len(frame) * len(series) + 120), language=language, barmode="group",
                   margin={"l": 10, "r": 70, "t": 30, "b": 10},
                   showlegend=len(series) > 1, legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
                   yaxis={"autorange": "reversed"}, xaxis={"title": {"text": axis_title}, "rangemode": "tozero"})


def with_caption(fig: Figure, title: str, selection: str, today: dt.date | None = None,
                 language: str = DEFAULT) -> Figure:
    """The figure with its title on top and source, selection and date underneath, so that a saved
    image (the camera button of the chart's toolbar) still says what it shows and where it is from."""
    today = today or dt.date.today()
    layout = dict(fig["layout"])
    # Plotly reads tags in annotation text (even <a href>), and the selection holds what users typed.
    selection = selection.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Annotations never wrap: short lines, so that nothing is cut off on a phone.
    from babel.dates import format_skeleton

    day = (format_skeleton("dMMMMy", today, locale=locale(language)) if language != DEFAULT
           else f"{today.day} {today:%B %Y}")
    lines = [gettext(N_("Source: {source}, {date}."), language).format(source=TITLE, date=day)]
    lines += textwrap.wrap(gettext(N_("Selection: {selection}"), language).format(selection=selection), 55)
    note = "<br>".join(lines)
    margin = dict(layout.get("margin", {}))
    margin["t"], margin["b"] = max(margin.get("t", 0), 50), max(margin.get("b", 0), 40 + 16 * len(lines))
    layout.update(
        margin=margin, height=layout.get("height", 300) + 40 + 16 * len(lines),
        title={"text": title, "x": 0, "xanchor": "left", "y": 0.99, "yanchor": "top", "font": {"size": 15}},
        annotations=list(layout.get("annotations", [])) + [{
            "text": note, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top",
            "yshift": -40, "showarrow": False, "align": "left", "font": {"size": 11, "color": "#444444"}}])
    return {"data": fig["data"], "layout": layout}


def readable_table(table: pd.DataFrame, column_config: dict | None = None,
                   shown_columns: list[str] | None = None) -> pd.DataFrame:
    """The table as people read it: column labels instead of keys, numbers rounded, gaps empty (not None)."""
    frame = (table[shown_columns] if shown_columns else table).copy()
    names = {}
    for column in frame.columns:
        config = (column_config or {}).get(column)
        label = config if isinstance(config, str) else (config or {}).get("label") if isinstance(config, dict) else None
        names[column] = label or str(column).replace("_", " ").capitalize()
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            frame[column] = frame[column].round(2)
    frame = frame.rename(columns=names).astype(object)
    return frame.where(frame.notna(), "")


def show(fig: Figure | None, table: pd.DataFrame, file_name: str, key: str,
         column_config: dict | None = None, shown_columns: list[str] | None = None, expanded: bool = False,
         title: str = "", selection: str = "", language: str = DEFAULT) -> None:
    """A chart, then its data as a table in an expander, with a CSV download of that data.

    Without a chart the table is the content, so it starts open.
    """
    if fig is not None:
        if title:
            fig = with_caption(fig, title, selection, language=language)
        st.plotly_chart(fig, key=f"chart_{key}", config=PLOTLY_CONFIG)
    with st.expander(gettext(N_("Data as a table"), language), expanded=expanded or fig is None):
        st.dataframe(table[shown_columns] if shown_columns else table, hide_index=True,
                     column_config=column_config, key=f"table_{key}")
    # Imported here, not at the top: common loads the search engine, and the figure builders above
    # are used (and tested) without it.
    from app_pages import common
    common.download_csv(gettext(N_("Download CSV"), language), readable_table(table, column_config, shown_columns),
                        file_name, key=f"download_{key}")
