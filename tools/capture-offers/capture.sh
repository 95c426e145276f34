#!/bin/sh
# Capture real SDP offers from headless Chromium, or test an answer against a fresh one.
#
#   capture.sh [OUT_DIR]
#       Writes sendrecv.sdp, sendonly.sdp, recvonly.sdp, video-only-sendonly.sdp,
#       sendrecv-datachannel.sdp and chromium-version.txt to OUT_DIR
#       (default: webrtc/src/test/resources/sdp/chromium/ in this repository),
#       then prints a summary of them.
#
#   capture.sh --answer-with CMD TYPE
#       The page makes a fresh offer of TYPE; CMD (run with sh -c) reads that offer
#       on stdin and prints an answer SDP on stdout (OFFER_TYPE=TYPE is in its
#       environment); the page applies it with setRemoteDescription. Prints ACCEPTED
#       (exit 0) or REJECTED: <error> (exit 1); any other failure exits 2.
#
# Environment: CHROMIUM (binary, default /usr/lib/chromium/chromium),
#   CAPTURE_TIMEOUT (seconds for the whole page run, default 60),
#   CHROMIUM_EXTRA_FLAGS (appended to the Chromium command line), VERBOSE=1.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CHROMIUM=${CHROMIUM:-/usr/lib/chromium/chromium}
CAPTURE_TIMEOUT=${CAPTURE_TIMEOUT:-60}
TYPES="sendrecv sendonly recvonly video-only-sendonly sendrecv-datachannel"

usage() {
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

MODE=capture
OUT_DIR="$REPO/webrtc/src/test/resources/sdp/chromium"
case "${1:-}" in
    -h|--help) usage ;;
    --answer-with)
        [ $# -eq 3 ] || usage
        MODE=answer
        ANSWER_CMD=$2
        OFFER_TYPE=$3
        case " $TYPES " in
            *" $OFFER_TYPE "*) ;;
            *) echo "unknown offer type '$OFFER_TYPE' (one of: $TYPES)" >&2; exit 2 ;;
        esac
        ;;
    -*) usage ;;
    "") ;;
    *) [ $# -eq 1 ] || usage; OUT_DIR=$1 ;;
esac

[ -x "$CHROMIUM" ] || { echo "no Chromium at $CHROMIUM (apt-get install -y chromium)" >&2; exit 2; }

WORK=$(mktemp -d)
SERVER_PID=
CHROME_PID=

cleanup() {
    # Chromium runs in its own session (setsid): end its whole process group.
    if [ -n "$CHROME_PID" ]; then
        # (dash's kill takes no "--": "kill -SIG -PGID" is the portable form.)
        kill -TERM "-$CHROME_PID" 2>/dev/null || true
        i=0
        while kill -0 "-$CHROME_PID" 2>/dev/null && [ $i -lt 50 ]; do
            sleep 0.1; i=$((i + 1))
        done
        kill -KILL "-$CHROME_PID" 2>/dev/null || true
        wait "$CHROME_PID" 2>/dev/null || true
    fi
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$WORK/out" "$WORK/profile" "$WORK/home"
VERBOSE_FLAG=
[ "${VERBOSE:-0}" = 1 ] && VERBOSE_FLAG=--verbose

# 1. The local server; it picks a free port on 127.0.0.1 and writes it to port.
if [ "$MODE" = capture ]; then
    timeout $((CAPTURE_TIMEOUT + 10)) python3 "$HERE/server.py" \
        --port-file "$WORK/port" --deadline "$CAPTURE_TIMEOUT" $VERBOSE_FLAG \
        --out "$WORK/out" >"$WORK/server.out" 2>"$WORK/server.err" &
    URL_QUERY="mode=capture"
else
    timeout $((CAPTURE_TIMEOUT + 10)) python3 "$HERE/server.py" \
        --port-file "$WORK/port" --deadline "$CAPTURE_TIMEOUT" $VERBOSE_FLAG \
        --answer-cmd "$ANSWER_CMD" --offer-type "$OFFER_TYPE" \
        >"$WORK/server.out" 2>"$WORK/server.err" &
    URL_QUERY="mode=answer&type=$OFFER_TYPE"
fi
SERVER_PID=$!

i=0
while [ ! -s "$WORK/port" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [ $i -ge 100 ]; then
        echo "server did not start" >&2; cat "$WORK/server.err" >&2; exit 2
    fi
    sleep 0.1; i=$((i + 1))
done
PORT=$(cat "$WORK/port")

# 2. Headless Chromium on the page (http://127.0.0.1 is a secure context for getUserMedia).
# shellcheck disable=SC2086
# HOME and XDG_* point into $WORK: otherwise Chromium's crashpad database and PulseAudio
# state land in ~/.config even with --user-data-dir.
HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_CACHE_HOME="$WORK/home/.cache" \
setsid "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --use-fake-ui-for-media-stream --use-fake-device-for-media-stream \
    --user-data-dir="$WORK/profile" ${CHROMIUM_EXTRA_FLAGS:-} \
    "http://127.0.0.1:$PORT/capture.html?$URL_QUERY" \
    >"$WORK/chromium.log" 2>&1 </dev/null &
CHROME_PID=$!

# 3. The server exits when the page reports back, or at its deadline.
set +e
wait "$SERVER_PID"
RC=$?
set -e
SERVER_PID=

cat "$WORK/server.out"
if [ $RC -ge 2 ]; then
    cat "$WORK/server.err" >&2
    if [ $RC -ne 2 ]; then
        # No report from the page (deadline, or timeout(1) ended the server): show
        # Chromium's log, without the harmless D-Bus complaints of a headless box.
        echo "--- last Chromium output ---" >&2
        grep -v 'dbus/' "$WORK/chromium.log" | tail -n 20 >&2
    fi
    exit 2
fi
# The answer command's stderr (and request logs with VERBOSE=1) went to server.err.
if [ "$MODE" = answer ] || [ -n "$VERBOSE_FLAG" ]; then
    cat "$WORK/server.err" >&2
fi

if [ "$MODE" = answer ]; then
    exit $RC
fi

# 4. Capture mode: install the offers and the version, then check and summarise them.
"$CHROMIUM" --version >"$WORK/out/chromium-version.txt" 2>/dev/null
mkdir -p "$OUT_DIR"
for t in $TYPES; do
    cp "$WORK/out/$t.sdp" "$OUT_DIR/$t.sdp"
done
cp "$WORK/out/chromium-version.txt" "$OUT_DIR/chromium-version.txt"
python3 "$HERE/summarize.py" "$OUT_DIR"
