"""MCP2xx: what gets downloaded and run — unpinned packages, images and git sources, known CVEs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from mcpaudit.advisories import for_package, highest_fixed, merge
from mcpaudit.model import Finding, Severity
from mcpaudit.rules.launch import docker_run, package_ref, split_image
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line


@rule(
    "MCP201",
    "unpinned-package",
    "unpinned_package",
    Severity.MEDIUM,
    "Package runner without an exact version",
    "Pin an exact version (`npx -y pkg@1.2.3`, `uvx pkg==1.2.3`, `pipx run --spec pkg==1.2.3 pkg`) "
    "and update it deliberately after reviewing the release.",
)
def unpinned_package(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`npx -y pkg`, `uvx pkg` and friends download and run whatever the registry serves at
    start-up: a compromised maintainer account, a typo-squatted or hijacked package, or a
    malicious new release runs with your rights the next time the client starts — with
    `-y`, without even a prompt. A range (`^1.2`) or a tag (`latest`) is no better."""
    for s in ctx.servers:
        ref = package_ref(s)
        if ref is None or ref.ecosystem not in ("npm", "pypi") or ref.exact:
            continue
        how = f"version {ref.version!r}" if ref.version else "no version"
        auto = " and -y installs it without asking" if ref.auto_install else ""
        yield r.finding(
            f"{ref.runner} runs {ref.name!r} with {how}: each start may fetch a different "
            f"release{auto}",
            server=s,
            at=ref.value,
            evidence=one_line(ref.value.text),
        )


@rule(
    "MCP202",
    "unpinned-container-image",
    "unpinned_package",
    Severity.MEDIUM,
    "Container image without a pinned tag or digest",
    "Pin the image by digest (`image:1.2.3@sha256:…`); a version tag alone can be re-pushed.",
)
def unpinned_image(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """An image referenced without a tag, or as `:latest`, is whatever was pushed last; the
    client pulls it on start when it is missing or `--pull always` is set. Tags are mutable
    too: only a digest names one exact image."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None or run.image is None or run.image.is_reference:
            continue
        name, tag, digest = split_image(run.image.text)
        if digest:
            continue
        if tag in (None, "latest"):
            what = "no tag" if tag is None else "the mutable tag 'latest'"
            severity = Severity.MEDIUM
        else:
            what = f"tag {tag!r} but no digest"
            severity = Severity.LOW
        yield r.finding(
            f"image {name!r} is referenced with {what}",
            server=s,
            at=run.image,
            evidence=one_line(run.image.text),
            severity=severity,
        )


@rule(
    "MCP203",
    "unpinned-git-source",
    "unpinned_package",
    Severity.MEDIUM,
    "Server installed from a git branch instead of a commit",
    "Pin the full commit hash (`git+https://host/repo@<40-hex sha>` / `github:user/repo#<sha>`).",
)
def unpinned_git(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A git URL without a commit runs the head of a branch: anyone who can push to that
    repository (or take it over) changes the code you run. Branch and tag names move; a
    full commit hash does not."""
    for s in ctx.servers:
        ref = package_ref(s)
        if ref is None or ref.ecosystem != "git" or ref.exact:
            continue
        what = f"ref {ref.version!r}" if ref.version else "no ref (the default branch)"
        yield r.finding(
            f"{ref.runner} installs {ref.name!r} from git with {what}",
            server=s,
            at=ref.value,
            evidence=one_line(ref.value.text),
        )


@rule(
    "MCP210",
    "known-vulnerable-package",
    "known_vulnerable_package",
    Severity.HIGH,
    "Server package with a known vulnerability",
    "Upgrade to the fixed version named in the finding and pin it; remove a malicious package.",
)
def known_vulnerable(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The configured package version is listed in a published advisory (GitHub Security
    Advisories / OSV), e.g. mcp-remote's OAuth command injection (CVE-2025-6514) or the
    filesystem server's path-validation bypasses (CVE-2025-53109/53110). A server without a
    pinned version is reported at low severity: npx and uvx may still run a cached,
    vulnerable release. A malicious release (an OSV `MAL-` record, a backdoored package) is
    critical whatever the pin. The advisories come from the table shipped with mcpaudit, refreshed
    from OSV when the scan ran with `--online`; each finding names its source."""
    online = ctx.extra.get("osv")  # an OsvLookup when the --online stage ran
    for s in ctx.servers:
        ref = package_ref(s)
        if ref is None or ref.ecosystem not in ("npm", "pypi"):
            continue
        ecosystem = "npm" if ref.ecosystem == "npm" else "PyPI"
        known = for_package(ecosystem, ref.name)
        if online is not None:
            known = merge(known, online.for_package(ecosystem, ref.name))
        version, exact = ref.version, ref.exact
        cached = None if exact else _cached_version(ctx, s.id)
        if cached:  # unpinned, but the npx cache says which version it runs: be exact
            version, exact = cached, True
        bad = [a for a in known if a.malicious]
        if bad and (not exact or any(a.affects(version or "") for a in bad)):
            adv = bad[0]
            what = (
                f"{ref.name} {version} is a malicious release"
                if exact
                else f"{ref.name} is not pinned and has a malicious release the next start may run"
            )
            found = r.finding(
                f"{what} ({adv.label}): {adv.summary} [source: {adv.source}]",
                server=s,
                at=ref.value,
                evidence=f"{one_line(ref.value.text)} ({adv.url})",
                severity=Severity.CRITICAL,
            )
            yield replace(found, remediation=_remove())
            continue
        if not exact and known:
            labels = ", ".join(a.label for a in known)
            fixed = highest_fixed(known)
            sources = ", ".join(dict.fromkeys(a.source for a in known))
            yield r.finding(
                f"{ref.name} is not pinned; some of its versions are affected by {labels}, "
                f"and a cached copy may be one of them"
                + (f" (pin {fixed} or later)" if fixed else "")
                + f" [source: {sources}]",
                server=s,
                at=ref.value,
                evidence=f"{one_line(ref.value.text)} ({known[0].url})",
                severity=Severity.LOW,
            )
            continue
        where = f" (unpinned; the npx cache runs {version})" if cached else ""
        for adv in known:
            if version and adv.affects(version):
                fixed_in = adv.fixed_for(version)
                fixed = f"; fixed in {fixed_in}" if fixed_in else "; no fixed version yet"
                unrated = "" if adv.severity else "; the advisory gives no severity"
                found = r.finding(
                    # "…opens the browser.; fixed in" read badly: the summary's own full
                    # stop goes, the clauses after it are joined with semicolons.
                    f"{ref.name} {version}{where} is affected by {adv.label}: "
                    f"{adv.summary.rstrip(' .;')}"
                    f"{fixed}{unrated} [source: {adv.source}]",
                    server=s,
                    at=ref.value,
                    evidence=f"{one_line(ref.value.text)} ({adv.url})",
                    severity=Severity.parse(adv.severity or UNRATED_SEVERITY),
                )
                yield replace(found, remediation=_upgrade(fixed_in))


# Remediation is mcpaudit's own prose in every report: it names no config text (the package
# name stays in the message, which the reports escape), only a version shaped like one.
_VERSION = re.compile(r"[0-9][0-9A-Za-z.+-]{0,63}")


def _remove() -> str:
    # No upgrade cleans a machine that ran a malicious release.
    return (
        "Remove this server and uninstall the package; treat the machine as compromised and "
        "rotate every secret it held (from a different machine)."
    )


def _upgrade(fixed: str | None) -> str:
    if fixed and _VERSION.fullmatch(fixed):
        return f"Upgrade the package to {fixed} or later and pin that version."
    if fixed:
        return "Upgrade the package to the fixed version named in the finding and pin it."
    return (
        "No fixed release is known: remove the server, or keep it off until the maintainer "
        "ships a fix."
    )


def _cached_version(ctx: RuleContext, server_id: str) -> str | None:
    """The version the server-code scan found in the npx cache for an unpinned server."""
    from mcpaudit.collect.results import SOURCE, SourceScan

    scan = ctx.extra_of(SOURCE, SourceScan)
    prefix = "npx cache, version "
    for root in scan.roots if scan is not None else ():
        if root.server_id == server_id and root.how.startswith(prefix):
            version = root.how[len(prefix) :]
            return None if version == "unknown" else version
    return None


# An advisory without a rating (many PYSEC records) is still a known vulnerability.
UNRATED_SEVERITY = "medium"
