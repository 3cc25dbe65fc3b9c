"""Golden files: what each page shows and offers for download, pinned before the restructure.

`capture.py` runs the pages (AppTest) and records their text and CSV downloads; `make_golden.py`
writes them here; `tests/test_golden.py` compares a fresh capture with these files.
"""
