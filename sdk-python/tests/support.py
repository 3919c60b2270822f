"""Shared by the tests: the committed fixtures written by the server test
verk-server/src/test/java/com/verk/server/integration/CapturedDeliveriesFixtureTest.java."""

import json
import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
CATALOG_PATH = REPOSITORY / "sdk-fixtures" / "event-types.json"
DELIVERIES_PATH = REPOSITORY / "sdk-fixtures" / "deliveries.json"

CATALOG = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
CAPTURED = json.loads(DELIVERIES_PATH.read_text(encoding="utf-8"))


def capture_files():
    """The committed capture, and the fresh one of this build when VERK_CAPTURED_DELIVERIES
    names it (.ci/run sets it after the server tests ran)."""
    files = [("committed sdk-fixtures/deliveries.json", CAPTURED)]
    fresh = os.environ.get("VERK_CAPTURED_DELIVERIES")
    if fresh:
        path = Path(fresh)
        if not path.is_absolute():
            path = REPOSITORY / path
        if not path.exists():
            raise FileNotFoundError("VERK_CAPTURED_DELIVERIES=%s does not exist" % fresh)
        files.append((str(path), json.loads(path.read_text(encoding="utf-8"))))
    return files


def at(delivery, offset_seconds=0):
    """A clock fixed at the delivery's own webhook-timestamp plus offset_seconds."""
    return lambda: int(delivery["headers"]["webhook-timestamp"]) + offset_seconds


def json_type(value):
    """The JSON Schema type name of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
