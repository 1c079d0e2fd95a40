#!/usr/bin/env python3
"""Validates xAPI statements against Documentation/xapi-statement.schema.json.

Usage: validate-statements.py SCHEMA FILE...  (each FILE a JSON array of statements, one
statement, or JSON Lines). Prints one JSON object: file name -> list of problems, each
"statement N: path: message". Exit 3 when the jsonschema module is missing.

Besides the schema, it checks the three rules of xAPI 1.0.3 that JSON Schema cannot express:
score.raw between score.min and score.max, score.min below score.max, and distinct ids within
each interaction component list.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("MISSING jsonschema")
    sys.exit(3)


def statements_in(path):
    text = open(path, encoding="utf-8").read()
    try:
        document = json.loads(text)
    except ValueError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return document if isinstance(document, list) else [document]


def semantic_problems(statement):
    problems = []
    score = (statement.get("result") or {}).get("score") or {}
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and not low < high:
        problems.append("result/score: min must be below max")
    if raw is not None and low is not None and raw < low:
        problems.append("result/score: raw is below min")
    if raw is not None and high is not None and raw > high:
        problems.append("result/score: raw is above max")
    obj = statement.get("object") or {}
    definition = obj.get("definition") or {} if isinstance(obj, dict) else {}
    for key in ("choices", "scale", "source", "target", "steps"):
        ids = [component.get("id") for component in definition.get(key) or [] if isinstance(component, dict)]
        if len(ids) != len(set(ids)):
            problems.append("object/definition/%s: ids must be distinct" % key)
    return problems


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    result = {}
    for path in sys.argv[2:]:
        problems = []
        for number, statement in enumerate(statements_in(path), start=1):
            for error in sorted(validator.iter_errors(statement), key=lambda e: list(e.path)):
                problems.append("statement %d: %s: %s" % (number, "/".join(map(str, error.path)), error.message))
            for problem in semantic_problems(statement):
                problems.append("statement %d: %s" % (number, problem))
        result[path.rsplit("/", 1)[-1]] = problems
    print(json.dumps(result))


if __name__ == "__main__":
    main()
