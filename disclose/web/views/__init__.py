"""Staff pages, one module per area: auth (sign in and out), home, persons."""
