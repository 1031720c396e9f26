"""Output formats: the JSON contract (json.py) and the readable report (report.py)."""
