#!/usr/bin/env python3
"""Check captured offers and print a summary (Python 3 standard library only).

Usage: summarize.py DIR

For every known offer file in DIR: checks that it starts with v=0, uses CRLF line
endings, and has the expected m-lines and directions; then prints the m-lines, payload
type and codec counts, directions, whether a=ssrc lines are present and the extmap URIs.
Exits 1 when a check fails or a file is missing.
"""

import os
import sys

# file name -> expected [(media, direction)]; None = no direction attribute expected
EXPECTED = {
    "sendrecv.sdp": [("audio", "sendrecv"), ("video", "sendrecv")],
    "sendonly.sdp": [("audio", "sendonly"), ("video", "sendonly")],
    "recvonly.sdp": [("audio", "recvonly"), ("video", "recvonly")],
    "video-only-sendonly.sdp": [("video", "sendonly")],
    "sendrecv-datachannel.sdp": [("audio", "sendrecv"), ("video", "sendrecv"),
                                 ("application", None)],
}
DIRECTIONS = ("sendrecv", "sendonly", "recvonly", "inactive")


def parse(text):
    """Returns (session_lines, [section]) with section = dict of summary facts."""
    sections = []
    session = []
    for line in text.split("\r\n"):
        if not line:
            continue
        if line.startswith("m="):
            parts = line[2:].split()
            sections.append({
                "mline": line,
                "media": parts[0],
                "payloads": parts[3:],
                "direction": None,
                "mid": None,
                "codecs": [],
                "ssrc": False,
                "extmap": [],
            })
            continue
        if not sections:
            session.append(line)
            continue
        s = sections[-1]
        if line.startswith("a=") and line[2:] in DIRECTIONS:
            s["direction"] = line[2:]
        elif line.startswith("a=mid:"):
            s["mid"] = line[len("a=mid:"):]
        elif line.startswith("a=rtpmap:"):
            s["codecs"].append(line.split(" ", 1)[1].split("/", 1)[0])
        elif line.startswith("a=ssrc:") or line.startswith("a=ssrc-group:"):
            s["ssrc"] = True
        elif line.startswith("a=extmap:"):
            s["extmap"].append(line.split(" ")[1])
    return session, sections


def check(name, raw):
    problems = []
    if not raw.startswith(b"v=0\r\n"):
        problems.append("does not start with v=0 + CRLF")
    text = raw.decode("utf-8")
    if not text.endswith("\r\n"):
        problems.append("does not end with CRLF")
    if "\n" in text.replace("\r\n", ""):
        problems.append("has bare LF line endings")
    session, sections = parse(text)
    got = [(s["media"], s["direction"]) for s in sections]
    want = EXPECTED[name]
    if got != want:
        problems.append("m-lines/directions %s, expected %s" % (got, want))
    return session, sections, problems


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory = sys.argv[1]
    failed = False
    all_uris = set()
    for name in EXPECTED:
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            print("%s: MISSING" % name)
            failed = True
            continue
        with open(path, "rb") as f:
            raw = f.read()
        session, sections, problems = check(name, raw)
        bundle = [l for l in session if l.startswith("a=group:BUNDLE")]
        print("%s: %s, %d bytes, %d lines%s" % (
            name, "OK" if not problems else "FAILED", len(raw), raw.count(b"\r\n"),
            (", " + bundle[0][2:]) if bundle else ""))
        for problem in problems:
            print("  ! " + problem)
        failed = failed or bool(problems)
        for s in sections:
            distinct = sorted(set(s["codecs"]))
            print("  %s" % s["mline"])
            print("    mid=%s direction=%s payload-types=%d rtpmaps=%d codecs=%s ssrc=%s" % (
                s["mid"], s["direction"], len(s["payloads"]) if s["media"] != "application" else 0,
                len(s["codecs"]), ",".join(distinct) if distinct else "-",
                "yes" if s["ssrc"] else "no"))
            for uri in s["extmap"]:
                print("    extmap " + uri)
            all_uris.update(s["extmap"])
    print("extmap URIs over all files (%d):" % len(all_uris))
    for uri in sorted(all_uris):
        print("  " + uri)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
