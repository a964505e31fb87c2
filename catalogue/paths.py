"""Where the bundled data lives."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
TOOLS_DIR = REPO_DIR / "tools_data"
SCHEMA_PATH = REPO_DIR / "schema" / "tool.schema.json"
TAXONOMY_PATH = PACKAGE_DIR / "taxonomy.yaml"
REGIONS_PATH = PACKAGE_DIR / "regions.csv"
NEED_PATH = PACKAGE_DIR / "need_indicators.csv"
GLOBAL_ESTIMATES_PATH = PACKAGE_DIR / "global_estimates.csv"
SITE_PATH = PACKAGE_DIR / "site.yaml"
CITATION_PATH = REPO_DIR / "CITATION.cff"
SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/tool.schema.json"
