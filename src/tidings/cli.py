"""tidings command line (placeholder until written)."""
def main() -> None:
    raise SystemExit(0)
