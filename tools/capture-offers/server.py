#!/usr/bin/env python3
"""Local HTTP server for capture.html (Python 3 standard library only).

Serves capture.html on 127.0.0.1 and receives what the page POSTs back:

  POST /offer/<type>   capture mode: the offer SDP, saved verbatim as <out>/<type>.sdp
  POST /done           capture mode: every offer was sent
  POST /answer-for     answer mode: the offer SDP; the server runs the answer command
                       (sh -c CMD) with the offer on stdin and returns its stdout
  POST /result         answer mode: "ACCEPTED", "REJECTED: ..." or "ERROR: ..."
  POST /fail           the page hit an error

The chosen port is written to --port-file once the socket is bound. The process exits
when the page is finished or when --deadline seconds have passed:
  0 = all offers saved / answer ACCEPTED, 1 = answer REJECTED, 2 = the page reported
  another failure, 3 = no report before the deadline.
"""

import argparse
import http.server
import os
import signal
import subprocess
import sys
import threading

OFFER_TYPES = (
    "sendrecv",
    "sendonly",
    "recvonly",
    "video-only-sendonly",
    "sendrecv-datachannel",
)

HERE = os.path.dirname(os.path.abspath(__file__))


class State:
    def __init__(self, args):
        self.args = args
        self.finished = threading.Event()
        self.exit_code = 3
        self.message = "timed out after %ss waiting for the page" % args.deadline
        self.saved = []
        self.children = []

    def finish(self, code, message):
        if not self.finished.is_set():
            self.exit_code = code
            self.message = message
            self.finished.set()


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def make_handler(state):
    args = state.args

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, fmt, *a):
            if args.verbose:
                sys.stderr.write("server: " + (fmt % a) + "\n")

        def reply(self, code, body, ctype="text/plain; charset=utf-8"):
            data = body if isinstance(body, bytes) else body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def body(self):
            length = int(self.headers.get("Content-Length", "0"))
            return self.rfile.read(length)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/capture.html":
                with open(os.path.join(HERE, "capture.html"), "rb") as f:
                    self.reply(200, f.read(), "text/html; charset=utf-8")
            else:
                self.reply(404, "not found")

        def do_POST(self):
            path = self.path.split("?", 1)[0]
            data = self.body()
            if path.startswith("/offer/"):
                query = self.path.split("?", 1)[1] if "?" in self.path else ""
                self.save_offer(path[len("/offer/"):], query, data)
            elif path == "/done":
                self.reply(200, "ok")
                missing = [t for t in OFFER_TYPES if t not in state.saved]
                if missing:
                    state.finish(2, "page finished without offers: " + ", ".join(missing))
                else:
                    state.finish(0, "saved %d offers to %s" % (len(state.saved), args.out))
            elif path == "/answer-for":
                self.answer_for(data)
            elif path == "/result":
                self.reply(200, "ok")
                text = data.decode("utf-8", "replace")
                if text == "ACCEPTED":
                    state.finish(0, text)
                elif text.startswith("REJECTED"):
                    state.finish(1, text)
                else:
                    state.finish(2, text)
            elif path == "/fail":
                self.reply(200, "ok")
                state.finish(2, "page error: " + data.decode("utf-8", "replace"))
            else:
                self.reply(404, "not found")

        def save_offer(self, offer_type, query, data):
            if args.out is None or offer_type not in OFFER_TYPES:
                self.reply(400, "unexpected offer type " + offer_type)
                return
            target = os.path.join(args.out, offer_type + ".sdp")
            with open(target, "wb") as f:  # bytes as sent: keeps Chrome's CRLF
                f.write(data)
            state.saved.append(offer_type)
            gathering = query[len("ice="):] if query.startswith("ice=") else "?"
            print("captured %s.sdp (%d bytes, ICE gathering %s)"
                  % (offer_type, len(data), gathering), flush=True)
            self.reply(200, "saved")

        def answer_for(self, offer):
            if args.answer_cmd is None:
                self.reply(400, "no answer command in this mode")
                return
            env = dict(os.environ, OFFER_TYPE=args.offer_type or "")
            # Own session, so the whole command can be ended if the run stops early.
            proc = subprocess.Popen(["sh", "-c", args.answer_cmd], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, env=env, start_new_session=True)
            state.children.append(proc)
            try:
                answer, _ = proc.communicate(offer, timeout=args.answer_timeout)
            except subprocess.TimeoutExpired:
                kill_group(proc)
                self.reply(500, "answer command timed out after %ss" % args.answer_timeout)
                return
            if proc.returncode != 0:
                self.reply(500, "answer command exited with %d" % proc.returncode)
                return
            self.reply(200, answer)

    return Handler


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port-file", required=True)
    p.add_argument("--out", help="capture mode: directory for the .sdp files")
    p.add_argument("--answer-cmd", help="answer mode: shell command, offer on stdin, answer on stdout")
    p.add_argument("--offer-type", help="answer mode: exported to the command as OFFER_TYPE")
    p.add_argument("--answer-timeout", type=float, default=20.0,
                   help="seconds the answer command may take (default 20)")
    p.add_argument("--deadline", type=float, default=60.0)
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()

    state = State(args)
    # capture.sh stops the server with SIGTERM: end the run cleanly, answer command included.
    signal.signal(signal.SIGTERM, lambda *_: state.finish(3, "terminated"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    port_tmp = args.port_file + ".tmp"
    with open(port_tmp, "w") as f:
        f.write(str(httpd.server_address[1]))
    os.replace(port_tmp, args.port_file)  # the script sees the port file only when complete

    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.finished.wait(args.deadline)
    httpd.shutdown()
    httpd.server_close()
    for proc in state.children:
        if proc.poll() is None:
            kill_group(proc)

    out = sys.stdout if state.exit_code in (0, 1) else sys.stderr
    print(state.message, file=out)
    return state.exit_code


if __name__ == "__main__":
    sys.exit(main())
