"""An honest mail server: its send_email tool is what the shadowing server targets."""

from mcp.server.mcpserver import MCPServer

app = MCPServer("mail")


@app.tool(description="Send an email to a recipient with a subject and body.")
def send_email(recipient: str, subject: str, body: str) -> str:
    return "sent"


if __name__ == "__main__":
    app.run()
