"""The typed events are generated from the catalog, and the committed module is exactly that output."""

import copy
import dataclasses
import subprocess
import sys
import unittest
from pathlib import Path

from verk_webhooks import DATA_CLASSES

from .support import CATALOG, CATALOG_PATH

SDK = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SDK / "scripts"))
import generate_events  # noqa: E402


class GeneratedTypesTest(unittest.TestCase):
    def test_the_committed_event_types_module_is_exactly_what_the_generator_makes_of_the_committed_catalog(self):
        # sdk-fixtures/event-types.json is compared with the live server's catalog by
        # CapturedDeliveriesFixtureTest, so together these fail on any drift from the server.
        committed = (SDK / "verk_webhooks" / "event_types.py").read_text(encoding="utf-8")
        self.assertEqual(committed, generate_events.generate(CATALOG))

    def test_the_generator_command_reports_the_committed_module_up_to_date(self):
        result = subprocess.run(
            [sys.executable, str(SDK / "scripts" / "generate_events.py"), "--check", "--catalog", str(CATALOG_PATH)],
            capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("up to date", result.stdout)

    def test_every_data_class_has_the_catalog_fields_in_schema_order(self):
        for entry in CATALOG["data"]:
            with self.subTest(entry["name"]):
                fields = [f.metadata["json"] for f in dataclasses.fields(DATA_CLASSES[entry["name"]])]
                self.assertEqual(fields, list(entry["schema"]["properties"]))

    def test_a_new_event_type_in_the_catalog_is_one_regeneration_away(self):
        extended = copy.deepcopy(CATALOG)
        extended["data"].append({
            "name": "sprint.started",
            "description": "A sprint started.",
            "schema": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "goal": {"type": ["string", "null"]},
                               "storyPoints": {"type": "integer"}},
                "required": ["id", "goal", "storyPoints"],
            },
        })
        namespace = {}
        exec(compile(generate_events.generate(extended), "event_types.py", "exec"), namespace)
        sprint = namespace["DATA_CLASSES"]["sprint.started"].from_json(
            {"id": "sprint_1", "goal": None, "storyPoints": 13})
        self.assertEqual((sprint.id, sprint.goal, sprint.story_points), ("sprint_1", None, 13))
        self.assertIn("sprint.started", namespace["EVENT_TYPES"])

    def test_the_generator_refuses_json_schema_it_does_not_understand_instead_of_guessing(self):
        odd = copy.deepcopy(CATALOG)
        odd["data"][0]["schema"]["properties"]["id"] = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        with self.assertRaisesRegex(ValueError, "oneOf"):
            generate_events.generate(odd)

    def test_the_package_needs_nothing_outside_the_standard_library(self):
        stdlib = getattr(sys, "stdlib_module_names", None)
        if stdlib is None:
            self.skipTest("sys.stdlib_module_names needs Python 3.10")
        pyproject = (SDK / "pyproject.toml").read_text(encoding="utf-8")
        self.assertIn("dependencies = []", pyproject)
        self.assertIn('requires-python = ">=3.9"', pyproject)
        imports = set()
        for source in (SDK / "verk_webhooks").glob("*.py"):
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.startswith(("import ", "from ")) and not line.startswith("from ."):
                    imports.add(line.split()[1].split(".")[0])
        self.assertTrue(imports <= set(stdlib), imports - set(stdlib))


if __name__ == "__main__":
    unittest.main()
