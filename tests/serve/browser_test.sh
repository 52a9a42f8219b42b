#!/bin/sh
# Opens the pages of `maelstrom-sim serve` in headless Chromium, as a person
# would: the index of a store with a valid echo run and an invalid broadcast
# run, the invalid run's page and its timeline. Checks what the pages show and
# leaves screenshots (*.png) and DOM dumps (*.html) in OUT.
# Usage: browser_test.sh MAELSTROM_SIM ECHO_NODE BROKEN_BROADCAST_NODE OUT
set -eu
sim=$1 echo_node=$2 broken_node=$3 out=$4

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium is not installed: skipping the browser test"
    exit 77
fi

rm -rf "$out"
mkdir -p "$out"
cd "$out"

"$sim" test -w echo --bin "$echo_node" --node-count 1 --time-limit 1 --rate 10 --seed 1 \
    >echo-run.txt 2>&1
status=0
"$sim" test -w broadcast --bin "$broken_node" --node-count 3 --time-limit 4 --rate 20 \
    --recovery-time 1 --seed 7 >broadcast-run.txt 2>&1 || status=$?
if [ "$status" -ne 1 ]; then
    echo "the broken broadcast run should be invalid (exit 1), got $status"
    exit 1
fi

"$sim" serve --host 127.0.0.1 --port 0 2>serve.log &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log)
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "serve did not start:"
    cat serve.log
    exit 1
fi
base="http://127.0.0.1:$port"

# browse NAME URL HEIGHT: saves NAME.html (the DOM) and NAME.png (1280 wide).
browse() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$out/profile" --dump-dom "$2" >"$1.html" 2>>browser.log
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$out/profile" --window-size=1280,"$3" --screenshot="$out/$1.png" \
        "$2" >>browser.log 2>&1
    if [ ! -s "$1.png" ]; then
        echo "no screenshot of $2:"
        cat browser.log
        exit 1
    fi
}

# expect NAME TEXT WHY: NAME.html must contain TEXT.
expect() {
    if ! grep -q -- "$2" "$1.html"; then
        echo "$1: $3 (no \"$2\" in $out/$1.html)"
        exit 1
    fi
}

browse index "$base/" 700
expect index 'class="verdict-valid"' "the valid run is listed in the valid colour"
expect index 'class="verdict-invalid"' "the invalid run is listed in the invalid colour"
expect index '.verdict-valid { background: #6DB6FE; }' "valid runs are coloured as Maelstrom does"
expect index '.verdict-invalid { background: #FEB5DA; }' "invalid runs are coloured as Maelstrom does"
expect index '>broadcast<' "the broadcast run is listed"
expect index '>echo<' "the echo run is listed"
# Newest first: the broadcast run's row comes before the echo run's.
first=$(grep -o '>broadcast<\|>echo<' index.html | head -1)
if [ "$first" != ">broadcast<" ]; then
    echo "index: the newest run (broadcast) should be listed first"
    exit 1
fi

run=$(grep -o 'href="/run/broadcast/[^"]*"' index.html | head -1 | sed 's/href="\(.*\)"/\1/')
browse run "$base$run" 1800
expect run 'broadcast: invalid' "the verdict heads the page"
expect run 'Why it is invalid' "the failure is explained"
expect run '<dt>lost</dt>' "what was lost is shown"
expect run '<dt>lost-count</dt>' "how much was lost is shown"
expect run 'latency-quantiles.svg' "the latency quantiles plot is inline"
expect run 'timeline.html' "the timeline is linked"
expect run 'node-logs/n0.log' "the node logs are linked"

timeline=$(grep -o 'href="/files/broadcast/[^"]*/timeline.html"' run.html | head -1 |
    sed 's/href="\(.*\)"/\1/')
browse timeline "$base$timeline" 900
expect timeline 'class="op ok"' "completed operations are drawn"
expect timeline 'title="process 0: ok broadcast' "an operation's details are in its title"
expect timeline 'title="process [0-9]*: ok read' "reads are drawn"

# A link in the store that leads out of it is refused, and the refusal logged.
ln -s .. store/way-out
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$out/profile" \
    --dump-dom "$base/files/way-out/serve.log" >way-out.html 2>>browser.log
if grep -q "maelstrom-sim: serving" way-out.html; then
    echo "a file outside the store was served"
    exit 1
fi
if ! grep -q "refused /files/way-out/serve.log" serve.log; then
    echo "the refusal was not logged"
    exit 1
fi
echo "pages checked; screenshots in $out"
