"""The agency portal (issue 16, item 2): professionals outside the council sign
in with a one-time link and code sent to their work email, ask for information,
follow their own requests, narrow or withdraw them, and download what the
council sends them through it. Separate from the staff pages: its own session
cookie, and a middleware that answers neither side's session on the other's pages."""
