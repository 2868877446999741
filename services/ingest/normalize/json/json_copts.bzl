"""Compiler options for code that includes simdjson."""

# simdjson is used through its error-code API only (no exceptions).
JSON_COPTS = ["-DSIMDJSON_EXCEPTIONS=0"]
