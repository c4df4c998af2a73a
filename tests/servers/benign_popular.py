"""Benign: realistic descriptions in the style of popular servers (filesystem, git, time,
memory, sqlite, sequential thinking), with imperative wording, the word IMPORTANT in
ordinary docs, file paths, non-Latin scripts and emoji. Must produce nothing at medium+."""

from typing import Annotated

from mcp.server.mcpserver import MCPServer
from pydantic import Field

app = MCPServer(
    "everyday-tools",
    instructions=(
        "Use these tools to work with files inside the allowed directories. IMPORTANT: all "
        "paths must be absolute, e.g. /home/user/projects/app/src/main.py or "
        "C:\\Users\\me\\Documents\\notes.txt."
    ),
)


@app.tool(
    description=(
        "Read the complete contents of a file from the file system. Handles various text "
        "encodings and provides detailed error messages if the file cannot be read. Use this "
        "tool when you need to examine the contents of a single file. Only works within "
        "allowed directories."
    )
)
def read_text_file(
    path: Annotated[str, Field(description="Absolute path, e.g. /home/user/project/README.md")],
    head: Annotated[
        int | None, Field(description="If provided, returns only the first N lines")
    ] = None,
) -> str:
    return ""


@app.tool(
    description=(
        "Create a new file or completely overwrite an existing file with new content. Use with "
        "caution as it will overwrite existing files without warning. IMPORTANT: always read "
        "the file first if you are unsure what it contains. Only works within allowed "
        "directories."
    )
)
def write_file(path: str, content: str) -> str:
    return ""


@app.tool(
    description=(
        "Get a detailed listing of all files and directories in a specified path. Results "
        "clearly distinguish between files and directories with [FILE] and [DIR] prefixes. "
        "Ignores node_modules, .git and .venv by default."
    )
)
def list_directory(path: str) -> str:
    return ""


@app.tool(
    description=(
        "Recursively search for files and directories matching a pattern. Searches through "
        "all subdirectories from the starting path. The search is case-insensitive and matches "
        "partial names. Returns full paths to all matching items. Great for finding files when "
        "you don't know their exact location."
    )
)
def search_files(path: str, pattern: str, exclude_patterns: list[str] | None = None) -> str:
    return ""


@app.tool(description="Shows the working tree status of the git repository at repo_path.")
def git_status(repo_path: str) -> str:
    return ""


@app.tool(
    description=(
        "Records changes to the repository. You must provide a commit message; keep the first "
        "line under 72 characters."
    )
)
def git_commit(
    repo_path: str,
    message: str,
    notes: Annotated[str, Field(description="Optional notes appended to the commit body")] = "",
) -> str:
    return ""


@app.tool(description="Shows the commit logs, newest first. Do not use this for diffs.")
def git_log(repo_path: str, max_count: int = 10) -> str:
    return ""


@app.tool(
    description=(
        "Get the current time in a specific timezone. Use IANA timezone names such as "
        "'Europe/Warsaw' or 'America/New_York'. If no timezone is provided by the user, use "
        "the local timezone."
    )
)
def get_current_time(timezone: str) -> str:
    return ""


@app.tool(
    description=(
        "Create multiple new entities in the knowledge graph. Each entity has a name, a type "
        "and a list of observations. 🧠✨ Remember: entities are persisted to memory.json in "
        "the server's data directory."
    )
)
def create_entities(entities: list[dict]) -> str:
    return ""


@app.tool(
    description=(
        "Execute a SELECT query on the SQLite database. IMPORTANT: only SELECT statements are "
        "allowed; use write_query for INSERT, UPDATE or DELETE."
    )
)
def read_query(
    query: Annotated[str, Field(description="The SELECT SQL query to execute")],
    context: Annotated[str, Field(description="Optional label shown in the query log")] = "",
) -> str:
    return ""


@app.tool(
    description=(
        "A detailed tool for dynamic and reflective problem-solving through thoughts. Each "
        "thought can build on, question, or revise previous insights as understanding "
        "deepens. You should: 1. Start with an initial estimate of needed thoughts, but be "
        "ready to adjust. 2. Feel free to question or revise previous thoughts. 3. Only set "
        "next_thought_needed to false when truly done."
    )
)
def sequentialthinking(thought: str, next_thought_needed: bool, thought_number: int) -> str:
    return ""


@app.tool(description="指定したファイルの内容を読み込みます。パスは絶対パスで指定してください。📄")
def yomikomi(path: str) -> str:
    return ""


@app.tool(description="Переводит текст на русский язык. Поддерживает Markdown. 🇷🇺")
def translate_ru(text: str) -> str:
    return ""


@app.tool(
    description=(
        "Look up a word in the Arabic dictionary: \u200fقاموس\u200f. Shows the family 👨\u200d👩"
        "\u200d👧 of related words. Supports Scottish Gaelic too "
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f."
    )
)
def dictionary_lookup(word: str) -> str:
    return ""


@app.prompt(description="Summarise the changes in the current branch for a pull request.")
def summarize_changes(branch: str) -> str:
    return f"Summarise {branch}"


if __name__ == "__main__":
    app.run()
