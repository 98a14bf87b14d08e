"""How long a test waits for a command it runs in a child process.

A guard against a hang, not a speed check: on a busy 2-core CI machine a
fresh migrate in a child process has taken more than two minutes, and a
timeout there failed a run that was otherwise right."""

SUBPROCESS_SECONDS = 600
