#!/usr/bin/env python3
"""A quote API for tests, on 127.0.0.1 and a port the system picks.

Prints the port on the first line of standard output, then serves until standard input
closes (the test that started it goes away) or it is killed. With --tls CERT KEY it speaks
HTTPS. Prices come from --prices SYMBOL=PRICE,...; every request path is appended to
--log, one line each.

Routes (symbols are comma-separated, upper case):
  /json?symbols=A,B        {"quotes": [{"symbol": "A", "price": 1.5}, ...]}
  /csv?symbols=A,B         symbol,price,date CSV (date from --date when given)
  /one/A                   {"data": {"A": {"close": 1.5}}}
  /partial?symbols=A,B     like /json with only the first symbol
  /malformed?symbols=...   a body that is not JSON
  /hang?symbols=...        never answers
  /status/CODE/N?symbols=  answers CODE to the first N requests, then like /json
  /after/CODE/N/WAIT?symbols=
                           the same, each CODE with the header Retry-After: WAIT (WAIT
                           "inS" sends the HTTP date S seconds from now)
  /key?symbols=..&apikey=K like /json when K equals --key, else 401
  /raw?body=B&kind=K       the body B as given (Content-Type K, JSON by default)
  /slow/S?symbols=         like /json after S seconds
  /redirect?to=URL&symbols= a 302 to URL with the symbols appended (to=...?symbols=)
"""
import argparse, email.utils, json, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs, unquote

parser = argparse.ArgumentParser()
parser.add_argument("--prices", default="")
parser.add_argument("--log", required=True)
parser.add_argument("--tls", nargs=2)
parser.add_argument("--key", default="")
parser.add_argument("--date", default="")
args = parser.parse_args()
prices = {k: float(v) for k, v in (p.split("=") for p in args.prices.split(",") if p)}
counts = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body, kind="application/json", retry_after=None):
        data = body.encode()
        self.send_response(code)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def quotes(self, symbols):
        return json.dumps({"quotes": [{"symbol": s, "price": prices[s]} for s in symbols if s in prices]})

    def do_GET(self):
        with lock:
            with open(args.log, "a") as log:
                log.write(self.path + "\n")
        url = urlparse(self.path)
        query = parse_qs(url.query)
        symbols = [s for s in query.get("symbols", [""])[0].split(",") if s]
        parts = [unquote(p) for p in url.path.split("/") if p]
        route = parts[0] if parts else ""
        if route == "json":
            self.send(200, self.quotes(symbols))
        elif route == "csv":
            rows = ["Symbol,Price,Date"] + [f"{s},{prices[s]},{args.date}" for s in symbols if s in prices]
            self.send(200, "\n".join(rows) + "\n", "text/csv")
        elif route == "one":
            s = parts[1]
            self.send(200, json.dumps({"data": {s: {"close": prices[s]}}}) if s in prices else "{}")
        elif route == "partial":
            self.send(200, self.quotes(symbols[:1]))
        elif route == "malformed":
            self.send(200, "<html>Service Unavailable", "text/html")
        elif route == "hang":
            time.sleep(3600)
        elif route == "status":
            code, times = int(parts[1]), int(parts[2])
            with lock:
                seen = counts.get(self.path, 0)
                counts[self.path] = seen + 1
            if seen < times:
                self.send(code, '{"error": "try later"}')
            else:
                self.send(200, self.quotes(symbols))
        elif route == "after":
            code, times, wait = int(parts[1]), int(parts[2]), parts[3]
            if wait.startswith("in"):
                wait = email.utils.formatdate(time.time() + int(wait[2:]), usegmt=True)
            with lock:
                seen = counts.get(self.path, 0)
                counts[self.path] = seen + 1
            if seen < times:
                self.send(code, '{"error": "slow down"}', retry_after=wait)
            else:
                self.send(200, self.quotes(symbols))
        elif route == "key":
            if query.get("apikey", [""])[0] == args.key and args.key:
                self.send(200, self.quotes(symbols))
            else:
                self.send(401, '{"error": "bad key"}')
        elif route == "raw":
            self.send(200, query.get("body", [""])[0], query.get("kind", ["application/json"])[0])
        elif route == "redirect":
            self.send_response(302)
            self.send_header("Location", query.get("to", [""])[0] + ",".join(symbols))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "slow":
            time.sleep(float(parts[1]))
            self.send(200, self.quotes(symbols))
        else:
            self.send(404, "{}")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if args.tls:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.tls[0], args.tls[1])
    server.socket = context.wrap_socket(server.socket, server_side=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
