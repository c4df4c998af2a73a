"""Prints its token to stderr, then crashes before answering (a common real-world failure)."""

import os
import sys

sys.stderr.write(f"debug: using token {os.environ.get('SERVICE_TOKEN')}\n")
sys.stderr.write("Error: cannot connect to the service\n")
sys.exit(3)
