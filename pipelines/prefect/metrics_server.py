"""Serves the metrics a job leaves in DATALAB_METRICS_DIR (*.prom, Prometheus text format) at
/metrics on DATALAB_METRICS_PORT, for Prometheus to scrape from the job's pipeline worker. Only the
standard library; started beside the Prefect worker. Files are written whole and renamed into
place by the job, so a scrape never sees half a file."""
import glob
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR = os.environ.get("DATALAB_METRICS_DIR", "/var/lib/datalab/metrics")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?")[0] != "/metrics":
            self.send_error(404)
            return
        body = "".join(open(f).read() for f in sorted(glob.glob(os.path.join(DIR, "*.prom")))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("DATALAB_METRICS_PORT", "9108"))), Handler).serve_forever()
