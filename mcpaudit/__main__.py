from mcpaudit.cli import main

raise SystemExit(main())
