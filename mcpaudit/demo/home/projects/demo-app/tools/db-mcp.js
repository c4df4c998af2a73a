// Demo: a project server written carefully (parameterised SQL, no shell).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const server = new McpServer({ name: "db", version: "1.0.0" });

server.tool("find_customer", "Look a customer up by e-mail", {}, async ({ email }) => {
  const { rows } = await pool.query("SELECT id, name FROM customers WHERE email = $1", [email]);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

await server.connect(new StdioServerTransport());
