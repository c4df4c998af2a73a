"""One widget a file; each renders part of a ScanResult and never interprets markup."""
