"""List real public MCP servers with the mcp SDK and write the corpus's negatives.

The servers in scripts/real_servers.json are installed beforehand, outside the repository,
into a scratch directory (npm: SCRATCH/npm/<package with / and @ as _>/node_modules;
PyPI: one virtualenv per package under SCRATCH/py/<package>). This script starts each one
over stdio with dummy credentials, lists its tools and prompts through the SDK's Client,
and writes every definition verbatim, with the package's name, version and licence, to
tests/data/tool_text/negatives.jsonl. Servers that cannot start or list are written to
tests/data/tool_text/servers.json with the reason, and left out.

    .venv/bin/python scripts/list_real_servers.py --scratch /work/scratch15

Offline apart from what the servers themselves do on start; each is time-boxed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib.metadata import PathDistribution
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "tool_text"


def npm_command(scratch: Path, spec: dict[str, Any]) -> tuple[list[str], str, str]:
    package = spec["package"]
    base = scratch / "npm" / package.replace("/", "_").replace("@", "_") / "node_modules" / package
    meta = json.loads((base / "package.json").read_text())
    bins = meta.get("bin")
    if isinstance(bins, str):
        entry = bins
    elif isinstance(bins, dict) and bins:
        entry = bins.get(spec.get("bin", ""), next(iter(bins.values())))
    else:
        raise RuntimeError("the package has no bin entry")
    return ["node", str(base / entry)], str(meta.get("version", "")), npm_licence(base, meta)


def npm_licence(base: Path, meta: dict[str, Any]) -> str:
    """package.json's licence; for "SEE LICENSE IN …" or none, the licence file's title."""
    licence = meta.get("license") or ""
    if isinstance(licence, dict):
        licence = licence.get("type", "")
    licence = str(licence)
    if licence and not licence.upper().startswith("SEE LICENSE"):
        return licence
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license"):
        path = base / name
        if path.is_file():
            first = next(
                (ln.strip() for ln in path.read_text(errors="replace").splitlines() if ln.strip()),
                "",
            )
            return f"{first[:60]} (licence file)" if first else licence
    return licence or "(not stated)"


def pypi_command(scratch: Path, spec: dict[str, Any]) -> tuple[list[str], str, str]:
    venv = scratch / "py" / spec["package"]
    dist_infos = list((venv / "lib").glob("python*/site-packages/*.dist-info"))
    wanted = spec["package"].lower().replace("-", "_").replace(".", "_")
    for info in dist_infos:
        dist = PathDistribution(info)
        name = (dist.metadata["Name"] or "").lower().replace("-", "_").replace(".", "_")
        if name == wanted:
            meta = dist.metadata
            licence = (meta.get("License-Expression") or meta.get("License") or "").strip()
            if not licence or len(licence) > 40 or "\n" in licence:
                classifiers = [c for c in meta.get_all("Classifier") or [] if "License ::" in c]
                first = licence.splitlines()[0].strip() if licence else ""
                licence = classifiers[0].split("::")[-1].strip() if classifiers else first[:60]
            licence = licence or "(not stated)"
            return [str(venv / "bin" / spec["bin"])], dist.version, licence
    raise RuntimeError("the package is not installed in its virtualenv")


async def list_one(command: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    from mcp.client import Client
    from mcp.client.stdio import StdioServerParameters, stdio_client

    params = StdioServerParameters(command=command[0], args=command[1:], env=env)
    with open(os.devnull, "w") as errlog, anyio.fail_after(timeout):
        async with Client(stdio_client(params, errlog=errlog)) as client:
            tools = (await client.list_tools()).tools
            prompts = []
            caps = client.server_capabilities
            if caps is not None and caps.prompts is not None:
                try:
                    prompts = (await client.list_prompts()).prompts
                except Exception:  # prompts are optional: keep the tools
                    prompts = []
            info = client.server_info
            return {
                "tools": [
                    t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in tools
                ],
                "prompts": [
                    p.model_dump(mode="json", by_alias=True, exclude_none=True) for p in prompts
                ],
                "instructions": client.instructions or "",
                "server_name": info.name if info else "",
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    manifest = json.loads((Path(__file__).parent / "real_servers.json").read_text())
    home = args.scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    report: list[dict[str, Any]] = []
    for spec in manifest["servers"]:
        if args.only and spec["package"] not in args.only:
            continue
        entry = {"registry": spec["registry"], "package": spec["package"]}
        try:
            maker = npm_command if spec["registry"] == "npm" else pypi_command
            command, version, licence = maker(args.scratch, spec)
        except (OSError, RuntimeError, ValueError) as exc:
            report.append({**entry, "status": "not installed", "reason": str(exc)[:200]})
            print(f"skip {spec['package']}: not installed ({exc})", file=sys.stderr)
            continue
        entry |= {"version": version, "license": licence}
        fill = {"scratch": str(args.scratch)}
        argv_ = command + [a.format(**fill) for a in spec.get("args", [])]
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "LANG": "C.UTF-8",
            **{k: v.format(**fill) for k, v in spec.get("env", {}).items()},
        }
        try:
            listing = anyio.run(list_one, argv_, env, args.timeout)
        except BaseException as exc:  # a server that cannot start is reported, not fatal
            if isinstance(exc, KeyboardInterrupt):
                raise
            leaf = exc
            while isinstance(leaf, BaseExceptionGroup) and leaf.exceptions:
                leaf = leaf.exceptions[0]
            reason = f"{type(leaf).__name__}: {leaf}"[:200]
            report.append({**entry, "status": "could not list", "reason": reason})
            print(f"skip {spec['package']}: {reason}", file=sys.stderr)
            continue
        for kind in ("tools", "prompts"):
            for item in listing[kind]:
                rows.append(
                    {
                        **entry,
                        "kind": kind[:-1],
                        "name": item.get("name", ""),
                        "definition": item,
                    }
                )
        if listing["instructions"]:
            rows.append(
                {
                    **entry,
                    "kind": "instructions",
                    "name": "instructions",
                    "definition": {"name": "instructions", "description": listing["instructions"]},
                }
            )
        report.append(
            {
                **entry,
                "status": "listed",
                "tools": len(listing["tools"]),
                "prompts": len(listing["prompts"]),
            }
        )
        print(f"ok {spec['package']} {version}: {len(listing['tools'])} tools", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.only:
        with (OUT / "negatives.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        (OUT / "servers.json").write_text(json.dumps(report, indent=1) + "\n")
    listed = [r for r in report if r["status"] == "listed"]
    print(f"{len(rows)} items from {len(listed)} servers; {len(report) - len(listed)} skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
