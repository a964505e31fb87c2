"""Plotly figures for the Landscape and Gaps pages, and the one way a chart is shown with its data.

Figures use accessible colours only: the Okabe–Ito palette for categories and Cividis/Viridis for
amounts; counts are printed on the marks, so nothing rests on colour alone. Every label drawn here is
trusted project data (vocabulary labels, region and country names), never entry text. Maps take their
outline from static/ (see static/README.md), so no figure fetches anything.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from catalogue.analysis import GLOBAL_LABEL
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


def _layout(fig: go.Figure, height: int, **extra) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), showlegend=False, **extra)
    return fig


def bar_chart(frame: pd.DataFrame, label: str = "label", value: str = "tools", axis_title: str = "Tools") -> go.Figure:
    """Horizontal bars in the table's order, counts printed; the global bucket in its own colour."""
    colours = [OKABE_ITO["orange"] if name == GLOBAL_LABEL else OKABE_ITO["blue"] for name in frame[label]]
    fig = go.Figure(go.Bar(x=frame[value].tolist(), y=frame[label].tolist(), orientation="h",
                           marker_color=colours, text=frame[value].tolist(), textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=frame[label].tolist())
    fig.update_xaxes(title_text=axis_title, rangemode="tozero")
    return _layout(fig, height=max(180, 28 * len(frame) + 60))


def year_chart(table: pd.DataFrame) -> go.Figure:
    """Tools launched per year, every year on the axis."""
    fig = go.Figure(go.Bar(x=table["year"].tolist(), y=table["tools"].tolist(), marker_color=OKABE_ITO["blue"],
                           hovertemplate="%{x}: %{y} tools<extra></extra>"))
    fig.update_xaxes(title_text="Launch year", dtick=2 if len(table) > 15 else 1)
    fig.update_yaxes(title_text="Tools launched", rangemode="tozero")
    return _layout(fig, height=320)


def heatmap(matrix: pd.DataFrame, row_title: str, column_title: str, text: pd.DataFrame | None = None) -> go.Figure:
    """A count matrix (index = rows) with every count written in its cell."""
    z = matrix.to_numpy().tolist()
    labels = (text if text is not None else matrix.astype(str)).to_numpy().tolist()
    fig = go.Figure(go.Heatmap(z=z, x=[str(c) for c in matrix.columns], y=[str(i) for i in matrix.index],
                               text=labels, texttemplate="%{text}", colorscale=SEQUENTIAL, xgap=2, ygap=2,
                               colorbar=dict(title=dict(text="Tools")),
                               hovertemplate=f"{row_title}: %{{y}}<br>{column_title}: %{{x}}<br>%{{text}}<extra></extra>"))
    fig.update_yaxes(title_text=row_title, autorange="reversed")
    fig.update_xaxes(title_text=column_title, side="top")
    return _layout(fig, height=max(260, 34 * len(matrix) + 140))


def world_map(countries: pd.DataFrame) -> go.Figure:
    """Choropleth of tools per deployment country (ISO alpha-3); the outline is served from static/."""
    fig = go.Figure(go.Choropleth(locations=countries["iso3"].tolist(), z=countries["tools"].tolist(),
                                  locationmode="ISO-3", text=countries["country"].tolist(), colorscale=MAP_SCALE,
                                  marker_line_color="white", marker_line_width=0.5,
                                  colorbar=dict(title=dict(text="Tools")),
                                  hovertemplate="%{text}: %{z} tools<extra></extra>"))
    # Centred on Greenwich explicitly: left to itself Plotly 4 centres the world on the data.
    fig.update_geos(scope="world", resolution=110, projection_type="natural earth", projection_rotation_lon=0,
                    center=dict(lon=0, lat=0), lonaxis_range=[-180, 180], lataxis_range=[-58, 85], fitbounds=False,
                    showframe=False, showcountries=True, countrycolor="#bbbbbb", showcoastlines=False,
                    showland=True, landcolor="#eeeeee")
    return _layout(fig, height=460)


def grouped_bars(frame: pd.DataFrame, category: str, series: dict[str, str], axis_title: str) -> go.Figure:
    """Several measures per category as grouped horizontal bars, one Okabe–Ito colour per measure, with a legend."""
    colours = [OKABE_ITO[name] for name in ("blue", "orange", "green", "vermillion")]
    fig = go.Figure()
    for (column, name), colour in zip(series.items(), colours):
        values = frame[column].round(2).tolist()
        # A missing figure draws as an empty bar labelled "no figure", so it is not mistaken for zero.
        fig.add_trace(go.Bar(y=frame[category].tolist(), x=[0 if pd.isna(v) else v for v in values], name=name,
                             orientation="h", marker_color=colour,
                             text=["no figure" if pd.isna(v) else v for v in values],
                             textposition="outside", cliponaxis=False,
                             hovertemplate=f"%{{y}}<br>{name}: %{{x}}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=axis_title, rangemode="tozero")
    fig = _layout(fig, height=max(220, 34 * len(frame) * len(series) + 120))
    fig.update_layout(barmode="group", showlegend=len(series) > 1,
                      legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"))
    return fig


def show(fig: go.Figure | None, table: pd.DataFrame, file_name: str, key: str,
         column_config: dict | None = None, shown_columns: list[str] | None = None, expanded: bool = False) -> None:
    """A chart, then its data as a table in an expander, with a CSV download of that data.

    Without a chart the table is the content, so it starts open.
    """
    if fig is not None:
        st.plotly_chart(fig, key=f"chart_{key}", config=PLOTLY_CONFIG)
    with st.expander("Data as a table", expanded=expanded or fig is None):
        st.dataframe(table[shown_columns] if shown_columns else table, hide_index=True,
                     column_config=column_config, key=f"table_{key}")
    # Imported here, not at the top: common loads the search engine, and the figure builders above
    # are used (and tested) without it.
    from app_pages import common
    common.download_csv("Download CSV", table, file_name, key=f"download_{key}")
