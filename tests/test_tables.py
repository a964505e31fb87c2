"""The CSV tables reader: fresh rows each call, re-read when the file changes."""
import os

from catalogue.tables import csv_rows


def test_rows_are_fresh_dicts_and_follow_file_changes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    first = csv_rows(path)
    first[0]["a"] = "changed by a caller"
    assert csv_rows(path) == [{"a": "1", "b": "2"}]
    path.write_text("a,b\n3,4\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert csv_rows(path) == [{"a": "3", "b": "4"}]
