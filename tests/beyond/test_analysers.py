"""The two source analysers on small snippets: what is a sink, and what is not."""

from __future__ import annotations

import pytest

from mcpaudit.collect.jssinks import scan_javascript
from mcpaudit.collect.pysinks import scan_python
from mcpaudit.collect.results import CONSTANT, DYNAMIC, TOOL_INPUT


def js(code: str, language: str = "javascript") -> list[tuple[int, str, str]]:
    return [(h.line, h.kind, h.reach) for h in scan_javascript(code.encode(), "x.js", language)]


def py(code: str) -> list[tuple[int, str, str]]:
    return [(h.line, h.kind, h.reach) for h in scan_python(code, "x.py")]


@pytest.mark.parametrize(
    "code",
    [
        "const re = /a/g; re.exec(text);",
        "db.exec('CREATE TABLE t (x)');",
        "// eval(x) and child_process.exec(y)\nconst s = 'eval(z)';",
        "const { exec } = require('./local-exec'); exec(cmd);",
        "spawn('git', ['status'], { shell: false });",
        "const env = { ...process.env, A: '1' }; spawn('x', [], { env });",
        "JSON.stringify({ a: process.env.HOME });",
        "console.log('see ~/.ssh/config');",
        "const o = { description: 'reads ~/.aws/credentials' };",
    ],
)
def test_javascript_non_sinks(code):
    assert js(code) == []


def test_javascript_sinks_and_reach():
    code = """
import cp from "child_process";
import { execa } from "execa";
const run = require("util").promisify(cp.exec);
server.registerTool("t", {}, async ({ q }) => {
  const cmd = "find " + q;
  await run(cmd);
  await execa("sh", ["-c", q], { shell: true });
});
cp.execSync(`ls ${dir}`);
cp.execSync("ls");
setup(new Function("return 1"));
"""
    assert js(code) == [
        (7, "shell", TOOL_INPUT),
        (8, "shell", TOOL_INPUT),
        (10, "shell", DYNAMIC),
        (11, "shell", CONSTANT),
        (12, "code_exec", CONSTANT),
    ]


def test_typescript_and_tsx_parse():
    assert js("const x = eval(y as string);", "typescript") == [(1, "code_exec", DYNAMIC)]
    assert js("const C = () => <div>{eval(y)}</div>;", "tsx") == [(1, "code_exec", DYNAMIC)]


@pytest.mark.parametrize(
    "code",
    [
        "cursor.execute(sql)",
        "subprocess.run(['ls', path])",
        "subprocess.run(cmd, shell=False)",
        "yaml.load(text, Loader=yaml.SafeLoader)",
        "import yaml\nyaml.safe_load(text)",
        "env = os.environ.copy()\nsubprocess.run(['x'], env=env)",
        '"""eval(x) in a docstring"""',
        "print('~/.ssh/id_rsa')",
        "re.compile('x').exec = 1",
    ],
)
def test_python_non_sinks(code):
    assert py(code) == []


def test_python_sinks_and_reach():
    code = """
import subprocess as sp
from os import system
import yaml

@server.call_tool()
async def call_tool(name, arguments):
    target = arguments["host"]
    sp.Popen(f"ping {target}", shell=True)
    system("reboot")

def helper(x):
    yaml.load(x)
    exec(x)
"""
    assert py(code) == [
        (9, "shell", TOOL_INPUT),
        (10, "shell", CONSTANT),
        (13, "deserialize", DYNAMIC),
        (14, "code_exec", DYNAMIC),
    ]


def test_input_passed_to_a_helper_is_graded_between_direct_and_dynamic():
    from mcpaudit.collect.results import VIA_HELPER

    code = """
const cp = require("child_process");
function runGit(args, cwd) {
  return cp.execSync("git " + args, { cwd });
}
const untouched = (x) => cp.execSync(x);
server.tool("log", "git log", {}, async ({ ref }) => {
  runGit("log " + ref, "/repo");
  untouched("uptime");
});
"""
    assert js(code) == [(4, "shell", VIA_HELPER), (6, "shell", DYNAMIC)]
    pycode = """
import subprocess

def run_git(args, cwd=None):
    return subprocess.run("git " + args, shell=True, cwd=cwd)

@mcp.tool()
def log(ref: str) -> str:
    return run_git(f"log {ref}")
"""
    assert py(pycode) == [(5, "shell", VIA_HELPER)]
