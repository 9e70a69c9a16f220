"""DataLab gold layer: lists the tables in the gold bucket and shows the selected one.

Reads with the app's own read-only MinIO identity (AWS_* variables set by the visualization
stack). Delta tables (a `_delta_log/` folder) are read with deltalake, other folders as Parquet
datasets with pyarrow.
"""
import os

import pandas as pd
import pyarrow.dataset as ds
import s3fs
import streamlit as st
from deltalake import DeltaTable

BUCKET = os.environ["DATALAB_GOLD_BUCKET"]
PREFIX = os.environ.get("DATALAB_GOLD_PREFIX", "")
ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
MAX_ROWS = int(os.environ.get("DATALAB_MAX_ROWS", "10000"))

STORAGE_OPTIONS = {
    "AWS_ENDPOINT_URL": ENDPOINT,
    "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
    "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
    "AWS_REGION": os.environ.get("AWS_REGION", "us-east-1"),
    "AWS_ALLOW_HTTP": "true",
}


@st.cache_resource
def filesystem() -> s3fs.S3FileSystem:
    return s3fs.S3FileSystem(
        key=STORAGE_OPTIONS["AWS_ACCESS_KEY_ID"],
        secret=STORAGE_OPTIONS["AWS_SECRET_ACCESS_KEY"],
        endpoint_url=ENDPOINT,
        client_kwargs={"region_name": STORAGE_OPTIONS["AWS_REGION"]},
    )


@st.cache_data(ttl=60)
def tables() -> list[tuple[str, str]]:
    """(name, kind) of every folder under the gold prefix: 'delta' or 'parquet'."""
    fs = filesystem()
    found = []
    for path in sorted(fs.ls(f"{BUCKET}/{PREFIX}".rstrip("/"), detail=False, refresh=True)):
        if not fs.isdir(path):
            continue
        name = path.rsplit("/", 1)[-1]
        kind = "delta" if fs.exists(f"{path}/_delta_log") else "parquet"
        found.append((name, kind))
    return found


@st.cache_data(ttl=60)
def load(name: str, kind: str) -> pd.DataFrame:
    uri = f"{BUCKET}/{PREFIX}{name}"
    if kind == "delta":
        table = DeltaTable(f"s3://{uri}", storage_options=STORAGE_OPTIONS).to_pyarrow_dataset()
    else:
        table = ds.dataset(uri, format="parquet", filesystem=filesystem())
    return table.head(MAX_ROWS).to_pandas()


st.set_page_config(page_title="DataLab gold layer", layout="wide")
st.title("DataLab gold layer")
st.caption(f"s3://{BUCKET}/{PREFIX} on {ENDPOINT} (read-only)")

try:
    available = tables()
except Exception as err:  # the lake may be empty or unreachable: say so instead of a stack trace
    st.error(f"Cannot list s3://{BUCKET}/{PREFIX}: {err}")
    st.stop()

if not available:
    st.info("No tables in the gold layer yet. Jobs that write gold tables make them appear here.")
    st.stop()

labels = {f"{name} ({kind})": (name, kind) for name, kind in available}
choice = st.sidebar.selectbox("Table", list(labels))
name, kind = labels[choice]
df = load(name, kind)
st.subheader(name)
st.write(f"{len(df):,} rows shown (at most {MAX_ROWS:,}), {len(df.columns)} columns")
st.dataframe(df, use_container_width=True)

numeric = df.select_dtypes("number").columns.tolist()
if numeric:
    column = st.sidebar.selectbox("Chart column", numeric)
    st.line_chart(df[column])
