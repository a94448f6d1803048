"""Server settings the CLI shows as defaults; no imports, so `rasd --help` does not load the web stack."""

DEFAULT_THREADS = 4  # requests a server process runs at once (`rasd serve --threads`); see bench/api.py
