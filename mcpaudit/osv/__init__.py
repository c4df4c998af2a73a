"""Online advisory refresh from OSV (https://osv.dev), only with `mcpaudit scan --online`.

`stage.online_stage` runs before the rules: `fetch` talks to the API (bounded),
`cache` remembers answers for a day, `records` reads a vulnerability record into an
`Advisory`, `ranges` evaluates OSV's event timelines exactly. Nothing here is imported
by a scan without `--online`.
"""
