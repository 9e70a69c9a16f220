"""Reads Delta tables from the lake with delta-rs (the `deltalake` package), independently of Spark.

Input (stdin, JSON): {"endpoint": "http://127.0.0.1:9000", "accessKey": ..., "secretKey": ...,
"tables": {"<name>": "s3://bucket/prefix"}}. Output (stdout, JSON): per name, {"version": n,
"rows": [...], "files": [...]} (the data files of that version, relative to the table) with timestamps as microseconds since the epoch (UTC) and dates as yyyy-mm-dd, or
{"missing": true} when there is no Delta table at the URI.
"""
import json
import sys

import pyarrow as pa
from deltalake import DeltaTable
from deltalake.exceptions import TableNotFoundError


def plain(table: pa.Table) -> list:
    columns = {}
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_timestamp(col.type):
            col = col.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64())
        elif pa.types.is_date(col.type):
            col = col.cast(pa.string())
        elif pa.types.is_binary(col.type) or pa.types.is_large_binary(col.type):
            col = col.cast(pa.string())
        columns[name] = col
    return pa.table(columns).to_pylist()


def main() -> None:
    req = json.load(sys.stdin)
    options = {
        "AWS_ENDPOINT_URL": req["endpoint"],
        "AWS_ACCESS_KEY_ID": req["accessKey"],
        "AWS_SECRET_ACCESS_KEY": req["secretKey"],
        "AWS_REGION": "us-east-1",
        "AWS_ALLOW_HTTP": "true",
        "AWS_VIRTUAL_HOSTED_STYLE_REQUEST": "false",
    }
    out = {}
    for name, uri in req["tables"].items():
        try:
            dt = DeltaTable(uri, storage_options=options)
        except TableNotFoundError:
            out[name] = {"missing": True}
            continue
        rows = plain(dt.to_pyarrow_table())
        root = uri.rstrip("/") + "/"
        files = [u[len(root):] if u.startswith(root) else u for u in dt.file_uris()]
        out[name] = {"version": dt.version(), "rows": rows, "files": files}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
