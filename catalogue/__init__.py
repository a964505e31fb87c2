"""The anti-trafficking tech catalogue: entry model, vocabulary, geography, loading and validation.

This package knows nothing of Streamlit or Whoosh; the CLI (`python -m catalogue`), the search index
and the app are thin layers over it.
"""
from catalogue.load import LoadResult, load_catalogue
from catalogue.model import Tool
from catalogue.problems import Problem

__all__ = ["LoadResult", "Problem", "Tool", "load_catalogue"]
