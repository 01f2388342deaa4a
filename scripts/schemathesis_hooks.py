"""schemathesis hooks for scripts/fuzz (loaded by SCHEMATHESIS_HOOKS): serializers for the
API's request bodies that are not JSON."""

import json

import schemathesis


@schemathesis.serializer("application/jsonl", "application/x-ndjson")
def json_lines(ctx, value):
    # POST /v1/batches documents its JSON Lines body as the array of its lines' values.
    if isinstance(value, list):
        return "\n".join(json.dumps(item) for item in value).encode("utf-8")
    return json.dumps(value).encode("utf-8")
