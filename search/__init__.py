"""Search over the catalogue: Whoosh BM25F keyword ranking fused with a multilingual embedding model, places and languages as data, disjunctive facet counts,
synonyms and typo tolerance, related tools, and an on-disk index rebuilt only when data or schema change.

    from search import SearchEngine
    engine = SearchEngine.open_or_build(load_catalogue().tools, ".index")
    result = engine.search("forced labor fishing Thailand", filters={"technology": ["mobile_app"]})
"""
from search.engine import SORTS, Hit, SearchEngine, SearchResult

__all__ = ["SORTS", "Hit", "SearchEngine", "SearchResult"]
