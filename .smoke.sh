rm -rf /tmp/c2; .build/debug/reel custodian serve --region us --data-dir /tmp/c2 --port 21701 > /dev/null 2>&1 &
pid=$!
for i in $(seq 1 100); do curl -sf http://127.0.0.1:21701/healthz >/dev/null && break; sleep 0.2; done
grep -c . /proc/$pid/maps; grep -i -E "soft|p11" /proc/$pid/maps | head -3
kill $pid
