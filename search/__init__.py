"""Search over the catalogue: Whoosh BM25F any-word ranking fused with a multilingual embedding model,
places and languages as data, facet counts, typo suggestions, related tools (docs/search.md).

    from search import SearchEngine
    engine = SearchEngine.open_or_build(load_catalogue().tools, ".index")
    result = engine.search("forced labor fishing Thailand", filters={"technology": ["mobile_app"]})
"""
from search.engine import SORTS, Hit, SearchEngine, SearchResult

__all__ = ["SORTS", "Hit", "SearchEngine", "SearchResult"]
