"""The fleet inventory: `scan --format sqlite -o FILE` and the osquery tables over it.

`sqlite.py` writes the scan result as a SQLite database (the JSON report's fields and
redaction, one table per kind of thing); `osquery.py` describes those tables to osquery's
automatic table construction (docs/fleet.md).
"""
